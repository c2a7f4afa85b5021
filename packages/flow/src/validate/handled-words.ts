/**
 * The replies a flow recognises after a node: what a template's quick-reply tap (its payload, or
 * its text typed out) can be matched by. Used by the template lint to say whether a quick reply
 * goes anywhere.
 */
import { payloadExits } from '../nodes/template/payload-exits';
import type { Flow, FlowNode } from '../types';

/**
 * Lower-cased: keyword triggers, the flow's interrupts (their intent names, which a tapped id
 * may name, and the intents' examples and keywords in every language), and every route
 * argument, choice id and template payload exit reachable from `start` (itself included).
 */
export function handledWords(start: FlowNode, flow: Flow): Set<string> {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const words = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') words.add(value.trim().toLowerCase());
  };
  for (const trigger of flow.triggers ?? []) if (trigger.type === 'keyword') trigger.keywords.forEach(add);
  addInterruptWords(flow, add);
  const seen = new Set<string>();
  const queue: FlowNode[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    if (node.type === 'route') for (const c of node.cases) (c.test.args ?? []).forEach(add);
    if (node.type === 'ask') for (const choice of node.choices ?? []) add(choice.id);
    if (node.type === 'message') {
      for (const button of node.buttons ?? []) add(button.id);
      for (const section of node.list?.sections ?? []) for (const row of section.rows) add(row.id);
    }
    if (node.type === 'template') payloadExits(node).forEach(add);
    for (const next of Object.values(node.exits ?? {})) {
      const target = next === null ? undefined : byId.get(next);
      if (target) queue.push(target);
    }
  }
  return words;
}

/** An interrupt runs wherever the flow waits: its intent's name, examples and keywords handle a reply anywhere. */
function addInterruptWords(flow: Flow, add: (value: unknown) => void): void {
  const interrupts = Array.isArray(flow.interrupts) ? flow.interrupts : [];
  const names = new Set(interrupts.map((i) => i?.intent).filter((name): name is string => typeof name === 'string'));
  names.forEach(add);
  for (const intent of Array.isArray(flow.intents) ? flow.intents : []) {
    if (!intent || !names.has(intent.name)) continue;
    for (const byLanguage of [intent.examples, intent.keywords]) {
      for (const list of Object.values(byLanguage ?? {})) if (Array.isArray(list)) list.forEach(add);
    }
  }
}
