/**
 * A template node's quick-reply payload exits: every exit key besides the built-in ones names a
 * quick-reply payload of its template. With any, the node waits for the reply after sending.
 * Kept apart from the definition so the engine (compile, answers) reads it without the schema.
 */
import type { TemplateNode } from '../../types';

/** Exits a template node has whether or not it waits; `other` and `timeout` only mean something while it waits. */
const TEMPLATE_BUILT_IN_EXITS = ['next', 'failed', 'other', 'timeout'] as const;

const BUILT_IN: ReadonlySet<string> = new Set(TEMPLATE_BUILT_IN_EXITS);

export function payloadExits(node: TemplateNode): string[] {
  return Object.keys(node.exits ?? {}).filter((key) => !BUILT_IN.has(key));
}

export function templateWaits(node: TemplateNode): boolean {
  return payloadExits(node).length > 0;
}
