/**
 * The one shape every validation finding takes, from JSON syntax errors to
 * WhatsApp limits. The CLI prints these; the studio pins them on the canvas.
 */
export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue {
  severity: IssueSeverity;
  /** Stable machine code, e.g. "dangling-exit" (documented in docs/flow-format.md). */
  code: string;
  /** A human sentence that names what was found and what was expected. */
  message: string;
  /** JSON pointer into the flow document, e.g. "/nodes/4/buttons/0/title". "" is the root. */
  path: string;
  /** The node the issue belongs to, when there is one. */
  nodeId?: string;
  /** Position in the source text, for JSON syntax errors. */
  line?: number;
  column?: number;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments onto a base pointer: joinPointer('/nodes/3', 'buttons', 0) → "/nodes/3/buttons/0". */
export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => '/' + pointerSegment(s)).join('');
}

export function issue(
  severity: IssueSeverity,
  code: string,
  message: string,
  path: string,
  nodeId?: string,
): ValidationIssue {
  return nodeId === undefined ? { severity, code, message, path } : { severity, code, message, path, nodeId };
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
