/**
 * The A/B verdict shown on the results: each variant's rate with a 95 % Wilson interval, and a
 * winner only when the best variant beats every other one by a two-proportion z-test at 95 %
 * (|z| > 1.96) with enough sends behind each rate. Otherwise the page says why there is none,
 * so a marketer does not crown a variant on noise.
 */

/** Below this many sends per variant a rate says too little to compare. */
export const MIN_SENT_PER_VARIANT = 30;
const Z95 = 1.959964;

export interface Interval {
  rate: number;
  low: number;
  high: number;
}

/** Wilson score interval at 95 %: sensible at 0 successes and with small counts, unlike rate ± 1.96·SE. */
export function wilson(successes: number, trials: number): Interval {
  if (trials <= 0) return { rate: 0, low: 0, high: 0 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** z of the difference between two proportions (pooled); 0 when it cannot be computed. */
export function twoProportionZ(s1: number, n1: number, s2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (s1 / n1 - s2 / n2) / se;
}

export interface VariantOutcome {
  id: string;
  successes: number;
  trials: number;
}

export type Verdict =
  | { kind: 'single' }
  | { kind: 'not_enough_data'; needed: number }
  /** leader: null when the best rates are level (nobody leads). */
  | { kind: 'no_clear_winner'; leader: string | null }
  | { kind: 'winner'; id: string; z: number };

export function verdict(outcomes: VariantOutcome[]): Verdict {
  if (outcomes.length < 2) return { kind: 'single' };
  const short = outcomes.filter((o) => o.trials < MIN_SENT_PER_VARIANT);
  if (short.length) return { kind: 'not_enough_data', needed: MIN_SENT_PER_VARIANT };
  const ranked = [...outcomes].sort((a, b) => b.successes / b.trials - a.successes / a.trials);
  const best = ranked[0]!;
  const second = ranked[1]!;
  const level = best.successes * second.trials === second.successes * best.trials;
  const zs = ranked.slice(1).map((o) => twoProportionZ(best.successes, best.trials, o.successes, o.trials));
  const weakest = Math.min(...zs);
  return weakest > Z95 ? { kind: 'winner', id: best.id, z: weakest } : { kind: 'no_clear_winner', leader: level ? null : best.id };
}
