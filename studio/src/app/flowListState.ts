/**
 * What the flow list shows about each flow, as pure functions of the runtime's
 * GET /api/flows row (docs/admin-api.md "Flow list"), so they are tested
 * without a browser.
 */
import type { FlowSummary } from '../api/client';

/** GET /api/flows row; the fields beyond FlowSummary are optional for older runtimes. */
export type FlowRow = FlowSummary & { hasUnpublishedChanges?: boolean; calledBy?: string[] };

/** "Live v3", "Live v3 · unpublished changes" or "Draft — not published". */
export function liveLabel(row: FlowRow): string {
  if (row.publishedVersion == null) return 'Draft — not published';
  return `Live v${row.publishedVersion}${row.hasUnpublishedChanges ? ' · unpublished changes' : ''}`;
}

/** Why the flow cannot be deleted now, or null when it can. */
export function deleteBlocked(row: FlowRow): string | null {
  if (row.publishedVersion != null) return 'It is live: unpublish it first.';
  if (row.calledBy?.length) return `Called by: ${row.calledBy.join(', ')}. Remove those calls first.`;
  return null;
}

/** Search by name or id, ignoring case and accents. */
export function matchesQuery(row: FlowRow, query: string): boolean {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  return !q || fold(row.name ?? '').includes(q) || fold(row.id).includes(q);
}

/** A file-safe flow id from a name: "Order status (copy)" → "order-status-copy". */
export function idFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-$/, '');
}

/** A free id for a copy: "order-status-copy", then "order-status-copy-2"… */
export function copyId(base: string, taken: ReadonlySet<string>): string {
  const first = `${base}-copy`;
  if (!taken.has(first)) return first;
  for (let n = 2; ; n++) if (!taken.has(`${first}-${n}`)) return `${first}-${n}`;
}
