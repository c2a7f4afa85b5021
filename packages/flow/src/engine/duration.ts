/** Flow durations: "45s", "15m", "2h", "1d", "500ms"; a bare number is milliseconds. */
const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Longest delay a flow may ask for (Meta's conversation window is days, not years). */
const MAX_DURATION_MS = 90 * 86_400_000;

export function parseDuration(duration: string | number): number | undefined {
  if (typeof duration === 'number') return Number.isFinite(duration) && duration >= 0 && duration <= MAX_DURATION_MS ? duration : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(duration);
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!);
  return ms <= MAX_DURATION_MS ? ms : undefined;
}
