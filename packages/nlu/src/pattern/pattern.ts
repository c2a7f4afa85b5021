/**
 * The one place a pattern written by a flow author (intent patterns, entity patterns,
 * has_pattern tests, URL patterns of flow-test mocks) is compiled and run.
 *
 * Patterns run on RE2 (re2js, the same code in Node and in the studio's worker): matching
 * takes time linear in the text whatever the pattern, so no pattern and no message can stall
 * the process the way a backtracking engine can ("(a+)+$" on "aaaa…x"). RE2 leaves out what
 * needs backtracking (lookaround, backreferences); such patterns are reported, not run.
 * Flow patterns are case-insensitive and Unicode, as they were on JavaScript's RegExp.
 */
import { RE2JS } from 're2js';
import { explainCompileError, type PatternProblem } from './problems';
import { toRe2Spelling } from './spelling';

export type { PatternProblem } from './problems';

export const MAX_PATTERN_LENGTH = 500;
/** Text beyond this is not searched: chat messages are short and this bounds the work. */
export const MAX_SUBJECT_LENGTH = 2_000;

export interface PatternMatch {
  /** The matched text. */
  text: string;
  /** Where it starts in the searched text (UTF-16 index, as String.prototype.slice counts). */
  index: number;
  /** Capture groups in order; a group that did not take part is undefined. */
  groups: Array<string | undefined>;
  named: Record<string, string | undefined>;
}

export interface FlowPattern {
  /** The pattern as the author wrote it. */
  readonly source: string;
  test(text: string): boolean;
  /** The first match, or null. */
  exec(text: string): PatternMatch | null;
  /** Successive non-overlapping matches, at most `limit`. */
  matchAll(text: string, limit: number): PatternMatch[];
}

export interface PatternOptions {
  /** Flow patterns ignore case; a flow test's `/url/` mock without `i` does not. */
  caseSensitive?: boolean;
  /** `^` and `$` match at line breaks too. */
  multiline?: boolean;
  /** `.` matches line breaks too. */
  dotAll?: boolean;
}

export type CompiledPattern = { ok: true; pattern: FlowPattern } | { ok: false; problem: PatternProblem };

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 1_000;

function flagsOf(options: PatternOptions): number {
  return (
    (options.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE) | (options.multiline ? RE2JS.MULTILINE : 0) | (options.dotAll ? RE2JS.DOTALL : 0)
  );
}

function capped(text: string): string {
  return text.length > MAX_SUBJECT_LENGTH ? text.slice(0, MAX_SUBJECT_LENGTH) : text;
}

function toMatch(m: RegExpMatchArray): PatternMatch {
  return { text: m[0], index: m.index ?? 0, groups: m.slice(1), named: { ...m.groups } };
}

// Most patterns miss most messages. test() runs on RE2's DFA without tracking groups, several
// times faster than a search that reports them, so exec and matchAll only search once it hits.
function wrap(source: string, re: RE2JS): FlowPattern {
  return {
    source,
    test: (text) => re.test(capped(text)),
    exec(text) {
      const subject = capped(text);
      if (!re.test(subject)) return null;
      const m = re.exec(subject) as RegExpMatchArray | null;
      return m ? toMatch(m) : null;
    },
    matchAll(text, limit) {
      const out: PatternMatch[] = [];
      const subject = capped(text);
      if (limit <= 0 || !re.test(subject)) return out;
      for (const m of re.matchAll(subject)) {
        out.push(toMatch(m));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

function compileUncached(source: string, options: PatternOptions): CompiledPattern {
  if (source.length === 0) return { ok: false, problem: { kind: 'invalid', message: 'is empty' } };
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, problem: { kind: 'invalid', message: `is ${source.length} characters long; the limit is ${MAX_PATTERN_LENGTH}` } };
  }
  try {
    return { ok: true, pattern: wrap(source, RE2JS.compile(toRe2Spelling(source), flagsOf(options))) };
  } catch (error) {
    return { ok: false, problem: explainCompileError(source, error) };
  }
}

/** Compiles once per pattern and options; never throws. */
export function compilePattern(source: string, options: PatternOptions = {}): CompiledPattern {
  const key = `${flagsOf(options)}:${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileUncached(source, options);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** Why the pattern cannot be used (as a flow pattern), or null when it can. */
export function patternProblem(source: string): PatternProblem | null {
  const compiled = compilePattern(source);
  return compiled.ok ? null : compiled.problem;
}
