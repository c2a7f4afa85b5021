/**
 * Every node type's engine part (`<type>/engine.ts`: its XState state, guards and context
 * updates), keyed by type. Kept apart from `registry.ts` on purpose: the validator, the
 * format and the studio load the definitions only, never XState or the engine.
 * `NodeEngineMap` makes a missing type a compile error.
 */
import type { NodeEngineMap } from '../engine/node-engine';
import { askEngine } from './ask/engine';
import { endEngine } from './end/engine';
import { handoffEngine } from './handoff/engine';
import { httpEngine } from './http/engine';
import { llmEngine } from './llm/engine';
import { messageEngine } from './message/engine';
import { routeEngine } from './route/engine';
import { setEngine } from './set/engine';
import { splitEngine } from './split/engine';
import { subflowEngine } from './subflow/engine';
import { templateEngine } from './template/engine';
import { waitEngine } from './wait/engine';

export const nodeEngines: NodeEngineMap = {
  message: messageEngine,
  ask: askEngine,
  route: routeEngine,
  split: splitEngine,
  set: setEngine,
  http: httpEngine,
  template: templateEngine,
  handoff: handoffEngine,
  subflow: subflowEngine,
  wait: waitEngine,
  llm: llmEngine,
  end: endEngine,
};
