/**
 * Regexes in a flow (intent patterns, entity patterns, has_pattern arguments) run on every
 * inbound message on RE2, which matches in linear time whatever the pattern, so there is no
 * backtracking risk to screen for. What remains to report is a pattern the engine cannot use:
 * `regex-invalid` (empty, too long, not a regular expression) and `regex-unsupported`
 * (JavaScript syntax RE2 leaves out: lookaround, backreferences, …). The check is the
 * engine's own compile (`patternProblem` of @parley/nlu), so the lint and the runtime can
 * never disagree.
 */
import { patternProblem } from '@parley/nlu';
import type { ValidationIssue } from './issue';
import { issue } from './issue';

export function lintPattern(pattern: string, path: string, what: string, nodeId?: string): ValidationIssue[] {
  const problem = patternProblem(pattern);
  if (problem === null) return [];
  const message = `The regular expression in ${what} ${problem.message}.`;
  // Both codes spelled out in issue() calls, so the docs check finds them.
  if (problem.kind === 'unsupported') return [issue('error', 'regex-unsupported', message, path, nodeId)];
  return [issue('error', 'regex-invalid', message, path, nodeId)];
}
