/**
 * The one shape every validation finding takes, from JSON syntax errors to WhatsApp limits.
 * The CLI prints these, the studio pins them on the canvas, and the admin API returns them.
 */
import { Type, type Static } from 'typebox';

export const IssueSeverity = Type.Enum(['error', 'warning']);
export type IssueSeverity = Static<typeof IssueSeverity>;

export const ValidationIssue = Type.Object(
  {
    severity: IssueSeverity,
    code: Type.String({ description: 'Stable machine code, e.g. "dangling-exit" (docs/flow-format.md)' }),
    message: Type.String({ description: 'A human sentence that names what was found and what was expected' }),
    path: Type.String({ description: 'JSON pointer into the flow document, e.g. "/nodes/4/buttons/0/title"; "" is the root' }),
    nodeId: Type.Optional(Type.String({ description: 'The node the issue belongs to, when there is one' })),
    line: Type.Optional(Type.Integer({ description: 'Position in the source text, for JSON syntax errors' })),
    column: Type.Optional(Type.Integer()),
  },
  { description: 'One validation finding' },
);
export type ValidationIssue = Static<typeof ValidationIssue>;
