/**
 * Building validation findings. The shape every finding takes (`ValidationIssue`, from JSON
 * syntax errors to WhatsApp limits) lives in @parley/contract, since the admin API returns it.
 */
import type { IssueSeverity, ValidationIssue } from '@parley/contract';

export type { IssueSeverity, ValidationIssue } from '@parley/contract';

/** Escapes one JSON-pointer segment (RFC 6901). */
function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments onto a base pointer: joinPointer('/nodes/3', 'buttons', 0) → "/nodes/3/buttons/0". */
export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => '/' + pointerSegment(s)).join('');
}

export function issue(severity: IssueSeverity, code: string, message: string, path: string, nodeId?: string): ValidationIssue {
  return nodeId === undefined ? { severity, code, message, path } : { severity, code, message, path, nodeId };
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
