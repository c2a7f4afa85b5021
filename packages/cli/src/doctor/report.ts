/**
 * What a check found, and how `parley doctor` prints it: one line per finding, a mark in
 * front (✓ ✗ – on a terminal, [ok] [FAIL] [skip] when piped, so logs and CI stay ASCII), the
 * area, then the sentence. Secret values never reach the output: every line goes through
 * `redact`, which replaces the values of the environment variables the config names.
 */
type Outcome = 'ok' | 'fail' | 'skip';

export interface Finding {
  outcome: Outcome;
  /** config, env, graph, redis, flows, webhook. */
  area: string;
  message: string;
}

export const ok = (area: string, message: string): Finding => ({ outcome: 'ok', area, message });
export const fail = (area: string, message: string): Finding => ({ outcome: 'fail', area, message });
export const skip = (area: string, message: string): Finding => ({ outcome: 'skip', area, message });

const MARKS: Record<Outcome, { unicode: string; ascii: string }> = {
  ok: { unicode: '✓', ascii: '[ok]  ' },
  fail: { unicode: '✗', ascii: '[FAIL]' },
  skip: { unicode: '–', ascii: '[skip]' },
};

const AREA_WIDTH = 7;

export function formatFinding(finding: Finding, unicode: boolean): string {
  const mark = MARKS[finding.outcome];
  return `${unicode ? mark.unicode : mark.ascii} ${finding.area.padEnd(AREA_WIDTH)} ${finding.message}`;
}

/** Replaces every secret value (longest first, so one secret inside another is still hidden). */
export function redactor(secrets: Iterable<string | undefined>): (text: string) => string {
  // Very short values would blank out ordinary words; the env check reports those as too short.
  const values = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => values.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** A failure always counts; a skipped check counts only under --strict. */
export function isProblem(finding: Finding, strict: boolean): boolean {
  return finding.outcome === 'fail' || (strict && finding.outcome === 'skip');
}
