/**
 * Why a flow pattern cannot be used, in words a flow author can act on. RE2 reports syntax
 * errors tersely ("invalid escape sequence: `\1`"); the constructs authors know from
 * JavaScript but RE2 leaves out on purpose (lookaround, backreferences: they need
 * backtracking) are named and come with a way around them.
 */
import { RE2JSSyntaxException } from 're2js';

export interface PatternProblem {
  /**
   * `invalid`: empty, too long, or not a regular expression at all.
   * `unsupported`: a JavaScript regular expression that RE2 cannot express.
   */
  kind: 'invalid' | 'unsupported';
  /** A clause that follows "the pattern …", e.g. "uses a lookahead `(?=`, which …". */
  message: string;
}

const ENGINE = "Parley's pattern engine (RE2)";

const LOOKAROUND: Record<string, string> = {
  '(?=': 'a lookahead `(?=`',
  '(?!': 'a negative lookahead `(?!`',
  '(?<=': 'a lookbehind `(?<=`',
  '(?<!': 'a negative lookbehind `(?<!`',
};

const LOOKAROUND_HINT = 'match the text itself instead, or put the condition in a route case of its own';

function lookaround(fragment: string): string | undefined {
  const opener = Object.keys(LOOKAROUND).find((key) => fragment.startsWith(key));
  return opener === undefined ? undefined : LOOKAROUND[opener];
}

/** The construct RE2 refused, when it is one authors know from JavaScript; otherwise undefined. */
function knownUnsupported(error: string, fragment: string): string | undefined {
  const around = lookaround(fragment);
  if (around) return `uses ${around}, which ${ENGINE} does not support; ${LOOKAROUND_HINT}`;
  if (/^\\[1-9]/.test(fragment) || fragment === '\\k') {
    return `uses a backreference \`${fragment}\`, which ${ENGINE} does not support; repeat the group's pattern instead`;
  }
  if (fragment.startsWith('(?>'))
    return `uses an atomic group \`(?>\`, which ${ENGINE} does not support; a plain group \`(?:\` matches the same text`;
  if (error === 'invalid repeat count') return `repeats \`${fragment}\` times; ${ENGINE} allows counts up to 1000`;
  return undefined;
}

/** Whether JavaScript's own engine reads the pattern (it is only compiled here, never run). */
function javascriptAccepts(pattern: string): boolean {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}

/** Explains an exception thrown while RE2 compiled `pattern` (as the author wrote it). */
export function explainCompileError(pattern: string, error: unknown): PatternProblem {
  if (!(error instanceof RE2JSSyntaxException)) {
    return { kind: 'invalid', message: `does not compile: ${error instanceof Error ? error.message : String(error)}` };
  }
  const what = error.getDescription();
  // re2js spells flag i as a "(?i)" prefix of the pattern it quotes; the author did not write that.
  const fragment = (error.input ?? '').replace(/^\(\?i\)/, '');
  const detail = fragment ? `${what}: \`${fragment}\`` : what;
  const known = knownUnsupported(what, fragment);
  if (known) return { kind: 'unsupported', message: known };
  if (javascriptAccepts(pattern)) return { kind: 'unsupported', message: `uses syntax ${ENGINE} does not support (${detail})` };
  return { kind: 'invalid', message: `does not compile: ${detail}` };
}
