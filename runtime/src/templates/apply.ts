/**
 * Applying a template change (a webhook event, a difference the periodic pull found, a submit):
 * the patch it makes to the stored state, and whether it is worth an alert. Pure: the service
 * does the store write, the alert and the notification.
 */
import type { TemplateLanguageState, TemplateStatusEvent } from '@parley/contract';
import type { TemplateStatePatch } from '../stores';
import type { Alert } from '../send/alerts';

/** Statuses whose reason is kept; any other status clears a previous reason. */
const WITH_REASON = new Set(['rejected', 'paused', 'disabled', 'in_appeal', 'pending_deletion', 'limit_exceeded']);

/** The stored-state patch of one event. Meta's `NONE` reason is no reason. */
export function patchFor(event: TemplateStatusEvent): TemplateStatePatch {
  const reason = event.reason && event.reason.toUpperCase() !== 'NONE' ? event.reason : undefined;
  const common: TemplateStatePatch = { id: event.templateId, updatedAt: event.at };
  switch (event.kind) {
    case 'status':
      return {
        ...common,
        ...(event.status ? { status: event.status } : {}),
        reason: event.status && WITH_REASON.has(event.status) ? (reason ?? null) : null,
      };
    case 'quality':
      return { ...common, ...(event.quality ? { quality: event.quality } : {}) };
    case 'category':
      return { ...common, ...(event.category ? { category: event.category } : {}) };
  }
}

/**
 * The alert a change raises, or null: the template stopped sending (paused, disabled), was
 * rejected, fell to a red quality rating (the step before a pause), or changed category
 * (marketing templates cost more and go in the bulk lane).
 */
export function alertFor(
  tenant: string,
  event: TemplateStatusEvent,
  before: TemplateLanguageState | null,
  after: TemplateLanguageState,
): Alert | null {
  const which = `template ${event.name} (${event.language}) of tenant ${tenant}`;
  const reason = after.reason ?? event.reason;
  const details = {
    template: event.name,
    language: event.language,
    templateId: event.templateId,
    wabaId: event.wabaId,
    status: after.status,
    ...(after.quality ? { quality: after.quality } : {}),
    ...(after.category ? { category: after.category } : {}),
    ...(reason ? { reason } : {}),
  };
  const because = reason && reason.toUpperCase() !== 'NONE' ? `: ${reason}` : '';
  if (event.kind === 'status' && before?.status !== after.status) {
    if (after.status === 'paused')
      return {
        type: 'template.paused',
        tenant,
        message: `${which} was paused by Meta${because}; its sends take the flows' failure paths until it is approved again`,
        details,
      };
    if (after.status === 'disabled')
      return {
        type: 'template.disabled',
        tenant,
        message: `${which} was disabled by Meta${because}; its sends take the flows' failure paths — edit and resubmit it, or use another template`,
        details,
      };
    if (after.status === 'rejected')
      return {
        type: 'template.rejected',
        tenant,
        message: `${which} was rejected by Meta${because}; fix the template and submit it again`,
        details,
      };
  }
  if (event.kind === 'quality' && after.quality === 'red' && before?.quality !== 'red')
    return {
      type: 'template.quality',
      tenant,
      message: `${which} has a red quality rating${because}; Meta pauses templates whose quality stays low`,
      details: { ...details, ...(before?.quality ? { previousQuality: before.quality } : {}) },
    };
  if (event.kind === 'category' && (before?.category !== after.category || event.reason))
    return {
      type: 'template.category',
      tenant,
      message: `${which} ${before?.category !== after.category ? `changed category from ${before?.category ?? 'unknown'} to ${after.category ?? 'unknown'}` : 'will change category'}${because}`,
      details: { ...details, ...(before?.category ? { previousCategory: before.category } : {}) },
    };
  return null;
}

/**
 * The events that turn `current` into `target` (the periodic pull: what Meta lists now vs what
 * Parley knows), one per kind that differs, so each is applied and alerted like a webhook.
 */
export function eventsBetween(
  where: { wabaId: string; name: string; language: string; templateId: string; at: number },
  current: TemplateLanguageState,
  target: {
    status: TemplateLanguageState['status'];
    quality?: TemplateLanguageState['quality'];
    category?: TemplateLanguageState['category'];
    reason?: string;
  },
): TemplateStatusEvent[] {
  const events: TemplateStatusEvent[] = [];
  if (current.status !== target.status)
    events.push({ kind: 'status', ...where, status: target.status, ...(target.reason ? { reason: target.reason } : {}) });
  if (target.quality !== undefined && target.quality !== 'unknown' && current.quality !== target.quality)
    events.push({ kind: 'quality', ...where, quality: target.quality, ...(current.quality ? { previousQuality: current.quality } : {}) });
  if (target.category !== undefined && current.category !== undefined && current.category !== target.category)
    events.push({ kind: 'category', ...where, category: target.category, previousCategory: current.category });
  return events;
}
