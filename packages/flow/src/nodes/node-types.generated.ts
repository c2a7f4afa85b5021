// GENERATED from schemas/nodes/*.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

export type * from './ask/node.generated';
export type * from './end/node.generated';
export type * from './handoff/node.generated';
export type * from './http/node.generated';
export type * from './llm/node.generated';
export type * from './message/node.generated';
export type * from './route/node.generated';
export type * from './set/node.generated';
export type * from './split/node.generated';
export type * from './subflow/node.generated';
export type * from './template/node.generated';
export type * from './wait/node.generated';

import type { AskNode } from './ask/node.generated';
import type { EndNode } from './end/node.generated';
import type { HandoffNode } from './handoff/node.generated';
import type { HttpNode } from './http/node.generated';
import type { LlmNode } from './llm/node.generated';
import type { MessageNode } from './message/node.generated';
import type { RouteNode } from './route/node.generated';
import type { SetNode } from './set/node.generated';
import type { SplitNode } from './split/node.generated';
import type { SubflowNode } from './subflow/node.generated';
import type { TemplateNode } from './template/node.generated';
import type { WaitNode } from './wait/node.generated';

/** Any node of a flow: one type per fragment in schemas/nodes/. */
export type FlowNode =
  | AskNode
  | EndNode
  | HandoffNode
  | HttpNode
  | LlmNode
  | MessageNode
  | RouteNode
  | SetNode
  | SplitNode
  | SubflowNode
  | TemplateNode
  | WaitNode;
