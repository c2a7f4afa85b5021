/**
 * Meta's template webhooks on the WhatsApp Business Account → TemplateStatusEvent. Three change
 * fields arrive on the same webhook as messages, with the WABA id as `entry[].id`:
 * - `message_template_status_update` `{ event, message_template_id, message_template_name,
 *   message_template_language, reason, message_template_category?, rejection_info?, other_info? }`
 * - `message_template_quality_update` `{ previous_quality_score, new_quality_score, message_template_* }`
 * - `template_category_update` `{ message_template_*, previous_category?, new_category, correct_category? }`
 *
 * Decisions: REINSTATED is `approved` again; FLAGGED (negative feedback, at risk
 * of being disabled) leaves the status alone and is a quality event `red`; LOCKED/UNLOCKED (edit
 * locks) and events Meta adds later are ignored, not errors. An impending category change
 * (`correct_category`, applied by Meta 24 hours later) is a category event whose category is the
 * current one, with the coming change in `reason`. Language codes are Meta's template codes
 * (`en_US`): the `en-US` spelling of some payloads is normalized to that.
 */
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_QUALITIES,
  type TemplateCategory,
  type TemplateQuality,
  type TemplateStatus,
  type TemplateStatusEvent,
} from '@parley/contract';
import { type JsonObject, childPath, compact, describe, optObject, optString, reqString, ShapeError } from '../json-read';

export const TEMPLATE_FIELDS: ReadonlySet<string> = new Set([
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
]);

/** The entry around a change: the WABA id and the entry's time (ms). */
export interface TemplateEntryContext {
  wabaId: string;
  at: number;
}

// Maps, not object literals: the event string is untrusted ("constructor" must not resolve).
const STATUS_OF_EVENT: ReadonlyMap<string, TemplateStatus> = new Map([
  ['APPROVED', 'approved'],
  ['REINSTATED', 'approved'],
  ['REJECTED', 'rejected'],
  ['PENDING', 'pending'],
  ['PAUSED', 'paused'],
  ['DISABLED', 'disabled'],
  ['IN_APPEAL', 'in_appeal'],
  ['PENDING_DELETION', 'pending_deletion'],
  ['DELETED', 'deleted'],
  ['ARCHIVED', 'archived'],
  ['LIMIT_EXCEEDED', 'limit_exceeded'],
]);

/** An event to record, or why this well-formed change is skipped. */
export type TemplateChangeResult = { event: TemplateStatusEvent } | { ignored: string };

/** Throws ShapeError (with the JSON path) for a malformed value; the caller turns it into `errors[]`. */
export function parseTemplateChange(field: string, value: JsonObject, path: string, entry: TemplateEntryContext): TemplateChangeResult {
  const base = {
    wabaId: entry.wabaId,
    templateId: reqString(value, 'message_template_id', path),
    name: reqString(value, 'message_template_name', path),
    language: reqString(value, 'message_template_language', path).replace(/-/g, '_'),
    at: entry.at,
  };
  if (field === 'message_template_quality_update') {
    return {
      event: compact<TemplateStatusEvent>({
        kind: 'quality',
        ...base,
        quality: reqQuality(value, 'new_quality_score', path),
        previousQuality: optQuality(value, 'previous_quality_score'),
      }),
    };
  }
  if (field === 'template_category_update') return { event: categoryEvent(value, path, base) };

  const event = reqString(value, 'event', path);
  const reason = reasonOf(value);
  if (event === 'FLAGGED') {
    return { event: compact<TemplateStatusEvent>({ kind: 'quality', ...base, quality: 'red', reason: reason ?? 'FLAGGED' }) };
  }
  const status = STATUS_OF_EVENT.get(event);
  if (status === undefined) return { ignored: `template event "${event}" does not change the status` };
  return {
    event: compact<TemplateStatusEvent>({
      kind: 'status',
      ...base,
      status,
      category: optCategory(value, 'message_template_category'),
      reason,
    }),
  };
}

type EventBase = Pick<TemplateStatusEvent, 'wabaId' | 'templateId' | 'name' | 'language' | 'at'>;

function categoryEvent(value: JsonObject, path: string, base: EventBase): TemplateStatusEvent {
  const category = reqCategory(value, 'new_category', path);
  const correct = optCategory(value, 'correct_category');
  let reason: string | undefined;
  if (correct !== undefined) {
    const when = typeof value.category_update_timestamp === 'number' ? new Date(value.category_update_timestamp * 1000) : undefined;
    const date = when && !Number.isNaN(when.getTime()) ? ` on ${when.toISOString()}` : '';
    reason = `Meta will change the category from ${category} to ${correct}${date}`;
  }
  return compact<TemplateStatusEvent>({
    kind: 'category',
    ...base,
    category,
    previousCategory: optCategory(value, 'previous_category'),
    reason,
  });
}

/** Meta's reason code plus the human text it attaches (rejection details, pause title/description). */
function reasonOf(value: JsonObject): string | undefined {
  const rejection = optObject(value, 'rejection_info');
  const other = optObject(value, 'other_info');
  const parts = [
    optString(value, 'reason'),
    rejection && optString(rejection, 'reason'),
    other && optString(other, 'title'),
    other && optString(other, 'description'),
  ].filter((p): p is string => p !== undefined && p !== 'NONE');
  return parts.length > 0 ? parts.join(': ') : undefined;
}

function optQuality(obj: JsonObject, key: string): TemplateQuality | undefined {
  const raw = optString(obj, key)?.toLowerCase();
  return (TEMPLATE_QUALITIES as readonly string[]).includes(raw ?? '') ? (raw as TemplateQuality) : undefined;
}

function reqQuality(obj: JsonObject, key: string, path: string): TemplateQuality {
  const quality = optQuality(obj, key);
  if (quality === undefined) throw new ShapeError(childPath(path, key), `expected GREEN, YELLOW, RED or UNKNOWN, got ${shown(obj[key])}`);
  return quality;
}

function optCategory(obj: JsonObject, key: string): TemplateCategory | undefined {
  const raw = optString(obj, key)?.toLowerCase();
  return (TEMPLATE_CATEGORIES as readonly string[]).includes(raw ?? '') ? (raw as TemplateCategory) : undefined;
}

function reqCategory(obj: JsonObject, key: string, path: string): TemplateCategory {
  const category = optCategory(obj, key);
  if (category === undefined)
    throw new ShapeError(childPath(path, key), `expected MARKETING, UTILITY or AUTHENTICATION, got ${shown(obj[key])}`);
  return category;
}

const shown = (v: unknown): string => (typeof v === 'string' && v !== '' ? `"${v.slice(0, 40)}"` : describe(v));
