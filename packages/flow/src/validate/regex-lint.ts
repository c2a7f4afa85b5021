/**
 * Regexes in a flow (intent patterns, entity patterns, has_pattern arguments)
 * run on every inbound message, so a pattern that does not compile or can
 * backtrack catastrophically is an error. The backtracking screen is the
 * operators' own `checkPattern` (star height, overlapping repeated
 * alternatives, backreferences): the engine refuses exactly the patterns
 * reported here, so the lint and the runtime can never disagree.
 */
import { MAX_PATTERN_LENGTH, checkPattern } from '../operators';
import type { ValidationIssue } from './issue';
import { issue } from './issue';

/** Why the pattern cannot even be compiled the way the engine compiles it, or null. */
function compileProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`;
  try {
    // Flow patterns are always case-insensitive and unicode.
    new RegExp(pattern, 'iu');
    return null;
  } catch (error) {
    return `it does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function lintPattern(pattern: string, path: string, what: string, nodeId?: string): ValidationIssue[] {
  const invalid = compileProblem(pattern);
  if (invalid !== null) return [issue('error', 'regex-invalid', `The regular expression in ${what} is invalid: ${invalid}.`, path, nodeId)];
  const unsafe = checkPattern(pattern);
  if (unsafe === null) return [];
  return [issue('error', 'regex-unsafe', `The regular expression in ${what} risks catastrophic backtracking: ${unsafe}.`, path, nodeId)];
}
