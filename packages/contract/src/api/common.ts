/**
 * Shapes every part of the admin API shares: the error envelope, validation issues, the flow
 * and layout documents as request/response bodies, and the small acknowledgements.
 */
import { Type, type Static } from 'typebox';

/**
 * Every refusal: `{ error: { code, message, details? } }`, sometimes with more top-level fields
 * (`current` on a save conflict, `calledBy` when a flow is in use). The extra fields are kept.
 */
export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. bad_request, not_found, bad_flow_id' }),
      message: Type.String({ description: 'A sentence that says what was wrong and what is expected' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { additionalProperties: true, description: 'The API error envelope' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

/**
 * A flow document as the author wrote it (schemas/flow.schema.json). Only "an object" here:
 * full validation stays with the flow validator, whose messages name the node.
 */
export const FlowDocument = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description: 'A flow document (schemas/flow.schema.json), checked by the flow validator, not by the route',
});
export type FlowDocument = Static<typeof FlowDocument>;

const Point = Type.Object({ x: Type.Number(), y: Type.Number() });

/** A flow's canvas layout (`<id>.layout.json`): node positions, notes and the viewport. */
export const LayoutDocument = Type.Object(
  {
    flowId: Type.Optional(Type.String()),
    positions: Type.Optional(Type.Record(Type.String(), Point)),
    notes: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String(),
            x: Type.Number(),
            y: Type.Number(),
            width: Type.Optional(Type.Number()),
            height: Type.Optional(Type.Number()),
            text: Type.String(),
            color: Type.Optional(Type.String()),
          },
          { additionalProperties: true },
        ),
      ),
    ),
    viewport: Type.Optional(Type.Object({ x: Type.Number(), y: Type.Number(), zoom: Type.Number() })),
  },
  { additionalProperties: true, description: 'A flow layout (<id>.layout.json)' },
);
export type LayoutDocument = Static<typeof LayoutDocument>;

/** Any JSON object (variables, parameters, records the store keeps as they are). */
export const JsonObject = Type.Record(Type.String(), Type.Unknown());
export type JsonObject = Static<typeof JsonObject>;

/** The answer to work that was queued (applied by a worker in order with the conversation). */
export const Queued = Type.Object({ queued: Type.Literal(true) });
export type Queued = Static<typeof Queued>;
