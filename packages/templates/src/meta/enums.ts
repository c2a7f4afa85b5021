/** Meta's upper-case status, quality and category strings → Parley's lower-case ones. */
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type TemplateCategory, type TemplateQuality, type TemplateStatus } from '@parley/contract';

const STATUS_ALIASES: Record<string, TemplateStatus> = {
  // A reinstated template is approved again; a flagged one keeps sending until Meta pauses it.
  reinstated: 'approved',
  flagged: 'approved',
  in_review: 'pending',
};

/** Unknown statuses map to `pending` (not sendable, not alarming) — callers may warn. */
export function statusFromMeta(status: string): TemplateStatus {
  const lower = status.trim().toLowerCase();
  if ((TEMPLATE_STATUSES as readonly string[]).includes(lower)) return lower as TemplateStatus;
  return STATUS_ALIASES[lower] ?? 'pending';
}

/** GREEN/YELLOW/RED/UNKNOWN, or Meta's `{ score }` object; anything else is `unknown`. */
export function qualityFromMeta(quality: unknown): TemplateQuality {
  const score = quality !== null && typeof quality === 'object' ? (quality as { score?: unknown }).score : quality;
  if (typeof score !== 'string') return 'unknown';
  const lower = score.trim().toLowerCase();
  return lower === 'green' || lower === 'yellow' || lower === 'red' ? lower : 'unknown';
}

/** MARKETING/UTILITY/AUTHENTICATION; anything else (Meta's legacy categories) → `undefined`. */
export function categoryFromMeta(category: string): TemplateCategory | undefined {
  const lower = category.trim().toLowerCase();
  return (TEMPLATE_CATEGORIES as readonly string[]).includes(lower) ? (lower as TemplateCategory) : undefined;
}
