/**
 * How a template's state reads on the page: one badge per language (status words a marketer
 * knows, a tone for its colour), Meta's quality rating in words, and the live events applied to
 * the list without a reload.
 */
import type { TemplateQuality, TemplateStatus } from '@parley/contract';
import type { TemplateLanguageRow, TemplateSummary } from '@parley/contract/api';
import type { TemplateStreamEvent } from '../api/templates';

export type BadgeTone = 'ok' | 'pending' | 'warn' | 'bad' | 'neutral';

const STATUS: Record<TemplateStatus, { label: string; tone: BadgeTone }> = {
  approved: { label: 'Approved', tone: 'ok' },
  pending: { label: 'Pending', tone: 'pending' },
  in_appeal: { label: 'In appeal', tone: 'pending' },
  rejected: { label: 'Rejected', tone: 'bad' },
  paused: { label: 'Paused', tone: 'warn' },
  disabled: { label: 'Disabled', tone: 'bad' },
  not_submitted: { label: 'Not submitted', tone: 'neutral' },
  pending_deletion: { label: 'Pending deletion', tone: 'warn' },
  deleted: { label: 'Deleted', tone: 'bad' },
  limit_exceeded: { label: 'Limit exceeded', tone: 'bad' },
  archived: { label: 'Archived', tone: 'neutral' },
};

export function statusLabel(status: TemplateStatus): string {
  return STATUS[status]?.label ?? status;
}

export function statusTone(status: TemplateStatus): BadgeTone {
  return STATUS[status]?.tone ?? 'neutral';
}

/** Meta shows quality as High / Medium / Low; "unknown" is a template too new to be rated. */
const QUALITY: Record<TemplateQuality, string> = { green: 'High', yellow: 'Medium', red: 'Low', unknown: 'Not rated yet' };

export function qualityLabel(quality: TemplateQuality | undefined): string {
  return quality ? QUALITY[quality] : 'Not rated yet';
}

/** What a screen reader says for one language's badge, e.g. "es: Rejected — Wrong category; changed since submitted". */
export function languageDescription(row: TemplateLanguageRow): string {
  const parts = [`${row.language}: ${statusLabel(row.status)}`];
  if (row.reason) parts[0] += ` — ${row.reason}`;
  if (row.changed && row.status !== 'not_submitted') parts.push('changed since submitted');
  return parts.join('; ');
}

/** A language needs submitting when it was never sent or the file changed since. */
export function needsSubmit(summary: TemplateSummary): boolean {
  return summary.languages.some((l) => l.changed || l.status === 'not_submitted');
}

/** A status, quality or category event applied to the list (immutable; unknown templates/languages leave it as is). */
export function applyEvent(list: TemplateSummary[], e: TemplateStreamEvent): TemplateSummary[] {
  let touched = false;
  const next = list.map((t) => {
    if (t.name !== e.name) return t;
    const languages = t.languages.map((row) => {
      if (row.language !== e.language) return row;
      touched = true;
      return applyToRow(row, e);
    });
    return touched ? { ...t, languages } : t;
  });
  return touched ? next : list;
}

function applyToRow(row: TemplateLanguageRow, e: TemplateStreamEvent): TemplateLanguageRow {
  const next: TemplateLanguageRow = { ...row, updatedAt: e.at };
  if (e.templateId) next.id = e.templateId;
  if (e.kind === 'status' && e.status) {
    next.status = e.status;
    if (e.reason) next.reason = e.reason;
    else delete next.reason;
  }
  if (e.kind === 'quality' && e.quality) next.quality = e.quality;
  if (e.kind === 'category' && e.category) next.category = e.category;
  return next;
}
