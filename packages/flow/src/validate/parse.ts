/** Turns flow (or layout) JSON text into a value, or into issues with line:column. */
import { findDuplicateKeys, findJsonSyntaxError } from './json-syntax';
import type { ValidationIssue } from './issue';
import { issue } from './issue';
import { FLOW_LIMITS } from './limits';

export interface ParseResult {
  ok: boolean;
  value?: unknown;
  issues: ValidationIssue[];
}

export function parseFlowJson(text: string, fileName?: string): ParseResult {
  const where = fileName ? `${fileName}:` : '';
  if (typeof text !== 'string') {
    return { ok: false, issues: [issue('error', 'json-syntax', `${where} expected JSON text, got ${typeof text}.`, '')] };
  }
  if (text.length > FLOW_LIMITS.maxDocumentChars) {
    return {
      ok: false,
      issues: [
        issue(
          'error',
          'too-large',
          `${where ? where + ' ' : ''}The document is ${text.length} characters long; the limit is ${FLOW_LIMITS.maxDocumentChars}.`,
          '',
        ),
      ],
    };
  }
  // A UTF-8 byte-order mark is common in files saved by Windows editors; JSON.parse rejects it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const located = findJsonSyntaxError(source);
    const message = located
      ? `${where}${located.line}:${located.column}: ${located.message}`
      : `${where ? where + ' ' : ''}Invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
    const found = issue('error', 'json-syntax', message, '');
    return { ok: false, issues: [located ? { ...found, line: located.line, column: located.column } : found] };
  }
  const duplicates = findDuplicateKeys(source).map((d) => ({
    ...issue(
      'error',
      'json-duplicate-key',
      `${where}${d.line}:${d.column}: The key "${d.key}" appears twice in the same object; JSON keeps only the last one, so the earlier one is silently lost (a badly resolved merge?).`,
      d.pointer,
    ),
    line: d.line,
    column: d.column,
  }));
  return { ok: duplicates.length === 0, value, issues: duplicates };
}
