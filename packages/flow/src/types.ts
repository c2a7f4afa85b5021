/**
 * The flow format (spec 1.0). Shared contract between the validator, the engine,
 * the CLI, the runtime and the studio. The JSON Schema in `schemas/` is the
 * authority on structure: the node types are generated from its fragments (see nodes/README.md);
 * the flow-level types below mirror it.
 */

import type { EntityDecl, IntentDecl, LanguageCode } from '@parley/contract';

// Intent/entity declarations and ask expectations are read by understanding too: they live in
// @parley/contract, and the flow format re-exports them.
export type { AskExpect, EntityDecl, IntentDecl, LanguageCode } from '@parley/contract';

export const SPEC_VERSION = '1.0.0';

// The shared definitions the node fragments refer to (LocalizedText, Duration, RouteTest, Exits, Button).
export type { Button, Duration, Exits, LocalizedText, RouteTest } from './schema-defs';
import type { Duration } from './schema-defs';

export type VariableType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'list';

export interface VariableDecl {
  type: VariableType;
  default?: unknown;
  description?: string;
}

export type Trigger =
  | { type: 'keyword'; keywords: string[]; match?: 'word' | 'exact' }
  | { type: 'intent'; intent: string; minConfidence?: number }
  | { type: 'event'; event: string; params?: Record<string, VariableType> };

export interface Interrupt {
  intent: string;
  /** Node to run when the interrupt fires. */
  target: string;
  /** true: after the interrupt's branch ends, go back to the wait the user was at. */
  resume: boolean;
}

export interface FlowSettings {
  /** After this long without a reply at a wait, run `node` (a nudge) once. */
  softTimeout?: { after: Duration; node: string };
  /** After this long without activity the session ends (status "expired"). */
  expireAfter?: Duration;
  /** Where a template node without a `failed` exit goes when its template cannot be sent. */
  templateFailure?: string;
}

// ---------------------------------------------------------------------------
// Nodes. Every node has an id, a type and `exits`: exit name → node id.
// An absent or null exit ends that branch (for a subflow/interrupt: returns).
// ---------------------------------------------------------------------------

// Each node type's shape is generated from its schema fragment (schemas/nodes/<type>.schema.json)
// into nodes/<type>/node.generated.ts; FlowNode, the union of them all, too (nodes/node-types.generated.ts).
export type * from './nodes/node-types.generated';
import type { FlowNode } from './nodes/node-types.generated';

export type NodeType = FlowNode['type'];

export interface Flow {
  id: string;
  name: string;
  specVersion: string;
  /** Incremented on every save; used for optimistic concurrency. */
  revision: number;
  /** Default language first. */
  languages: LanguageCode[];
  /** Id of the first node. */
  start: string;
  variables?: Record<string, VariableDecl>;
  intents?: IntentDecl[];
  entities?: EntityDecl[];
  triggers?: Trigger[];
  interrupts?: Interrupt[];
  settings?: FlowSettings;
  nodes: FlowNode[];
}

/** `flows/<id>.layout.json`: canvas only, never read by the engine. */
export interface FlowLayout {
  flowId: string;
  positions: Record<string, { x: number; y: number }>;
  notes?: Array<{ id: string; x: number; y: number; width?: number; height?: number; text: string; color?: string }>;
  viewport?: { x: number; y: number; zoom: number };
}
