/**
 * What the session waits for, so the host can narrow understanding: the intents that
 * has_intent tests right after the current wait (following nodes that do not wait), the
 * flow's interrupt intents, the choices offered and the ask's expected type.
 */
import { nodeWaits } from '../nodes/registry';
import type { Flow, FlowNode } from '../types';
import { offeredChoices } from './answers';
import type { Expectations, FlowResolver } from './contract';
import type { EngineSnapshot } from './snapshot';

const MAX_VISITED = 200;

function intentsAfter(flow: Flow, from: FlowNode): string[] {
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const intents = new Set<string>();
  const seen = new Set<string>();
  const queue: string[] = Object.values(from.exits ?? {}).filter((id): id is string => typeof id === 'string');
  while (queue.length && seen.size < MAX_VISITED) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    if (!node || nodeWaits(node)) continue;
    if (node.type === 'route') {
      for (const c of node.cases) if (c.test.op === 'has_intent' && typeof c.test.args?.[0] === 'string') intents.add(c.test.args[0]);
    }
    for (const next of Object.values(node.exits ?? {})) if (typeof next === 'string') queue.push(next);
  }
  return [...intents];
}

export function expectationsAt(flow: Flow, snapshot: EngineSnapshot | null, resolveFlow?: FlowResolver): Expectations {
  const language = snapshot?.language ?? flow.languages[0] ?? 'en';
  const top = snapshot?.frames?.[snapshot.frames.length - 1];
  const current = !top || top.flowId === flow.id ? flow : (resolveFlow?.(top.flowId) ?? flow);
  // A caller's interrupts also work inside a subflow (the driver unwinds to the caller).
  const frameFlows = (snapshot?.frames ?? []).map((frame) => (frame.flowId === flow.id ? flow : resolveFlow?.(frame.flowId)));
  const interruptIntents = [...new Set([current, ...frameFlows].flatMap((f) => (f?.interrupts ?? []).map((i) => i.intent)))];
  const live = snapshot && (snapshot.status === 'waiting' || snapshot.status === 'active');
  const node = live && snapshot.waitingAt ? current.nodes.find((n) => n.id === snapshot.waitingAt) : undefined;
  if (!node) return { nodeId: null, intents: interruptIntents, interruptIntents, choices: [], language };
  const defaultLanguage = current.languages[0] ?? 'en';
  const choices = offeredChoices(node, language, defaultLanguage).map((c) => ({
    id: c.id,
    title: c.title,
    ...(c.synonyms.length ? { synonyms: c.synonyms } : {}),
  }));
  const intents = [...new Set([...intentsAfter(current, node), ...interruptIntents])];
  return {
    nodeId: node.id,
    intents,
    interruptIntents,
    choices,
    ...(node.type === 'ask' ? { expect: node.expect } : {}),
    language,
  };
}
