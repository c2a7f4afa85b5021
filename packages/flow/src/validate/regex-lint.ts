/**
 * Regexes in a flow (intent patterns, entity patterns, has_pattern arguments)
 * run on every inbound message, so a pattern that does not compile or can
 * backtrack catastrophically is an error. The screen is the operators' own
 * `checkPattern` (star height, overlapping repeated alternatives,
 * backreferences): the engine refuses exactly the patterns reported here, so
 * the lint and the runtime can never disagree.
 */
import { checkPattern } from '../operators';
import type { ValidationIssue } from './issue';
import { issue } from './issue';

export function lintPattern(pattern: string, path: string, what: string, nodeId?: string): ValidationIssue[] {
  const problem = checkPattern(pattern);
  if (problem === null) return [];
  const code = problem.includes('does not compile') ? 'regex-invalid' : problem.includes('characters long') || problem.includes('empty') ? 'regex-invalid' : 'regex-unsafe';
  return [issue('error', code, `The regular expression in ${what} cannot be used: ${problem}.`, path, nodeId)];
}
