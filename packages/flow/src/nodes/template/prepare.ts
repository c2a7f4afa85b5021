/**
 * What a template node sends, decided once per visit: the named `values` (a lone `{{expr}}`
 * keeps its raw value) and the legacy positional `params` are rendered, then the host's
 * TemplateGate turns them into the message Meta expects or refuses. The node's guard (refused?)
 * and its transition actions (send / refuse) both ask, so the result is memoized per turn and
 * frame context: the gate runs once per visit.
 */
import type { TemplateMessage, TemplatePrepared, TemplateSendRequest } from '@parley/contract';
import type { ExprError } from '../../expr';
import { render } from '../../engine/localize';
import type { MachineContext, Turn } from '../../engine/machine-types';
import { valueOf } from '../../engine/values';
import type { Flow, TemplateNode } from '../../types';

export type PreparedSend = TemplatePrepared & { errors: ExprError[] };

const COMPONENTS = ['header', 'body', 'buttons'] as const;

const memo = new WeakMap<Turn, Map<string, { context: MachineContext; prepared: PreparedSend }>>();

export function prepareTemplateSend(flow: Flow, node: TemplateNode, context: MachineContext, turn: Turn): PreparedSend {
  let byNode = memo.get(turn);
  if (!byNode) memo.set(turn, (byNode = new Map()));
  const key = `${flow.id}\u0000${node.id}`;
  const known = byNode.get(key);
  if (known && known.context === context) return known.prepared;
  const prepared = prepare(flow, node, context, turn);
  byNode.set(key, { context, prepared });
  return prepared;
}

function prepare(flow: Flow, node: TemplateNode, context: MachineContext, turn: Turn): PreparedSend {
  const errors: ExprError[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(node.values ?? {})) {
    const result = valueOf(source, context, turn, flow.id);
    if (result.error !== undefined) errors.push({ message: `value of '${name}': ${result.error}`, pos: 0 });
    values[name] = result.value;
  }
  let positional: TemplateSendRequest['positional'];
  if (node.params) {
    positional = {};
    for (const component of COMPONENTS) {
      const sources = node.params[component];
      if (!sources) continue;
      positional[component] = sources.map((source) => {
        const rendered = render(source, context, turn, flow.id);
        errors.push(...rendered.errors);
        return rendered.text;
      });
    }
  }
  const request: TemplateSendRequest = { name: node.name, language: node.language, values, ...(positional ? { positional } : {}) };
  const gate = turn.templates;
  if (!gate) return { ok: true, message: unchecked(request), errors };
  return { ...gate.prepare(request), errors };
}

/** Without a gate the node sends what it has, unchecked: positional strings as they are, named values as text. */
function unchecked(request: TemplateSendRequest): TemplateMessage {
  const params: TemplateMessage['params'] = { ...request.positional };
  const named = Object.entries(request.values);
  if (named.length > 0)
    params.body = [...(params.body ?? []), ...named.map(([name, value]) => ({ type: 'text' as const, name, text: asText(value) }))];
  return { kind: 'template', name: request.name, language: request.language, params };
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
