/**
 * What a template send carries, decided once per visit: the named `values` (a lone `{{expr}}`
 * keeps its raw value) and the legacy positional `params` are rendered, then the host's
 * TemplateGate turns them into the message Meta expects or refuses. Used by template nodes and
 * by the `outsideWindow` template of message and ask nodes. A node's guards and its transition
 * actions may all ask, so the result is memoized per turn, node and frame context: the gate
 * runs once per visit.
 */
import type { TemplateMessage, TemplatePrepared, TemplateSendRequest } from '@parley/contract';
import type { ExprError } from '../../expr';
import { render } from '../../engine/localize';
import type { MachineContext, Turn } from '../../engine/machine-types';
import { valueOf } from '../../engine/values';
import type { Flow, TemplateNode } from '../../types';

export type PreparedSend = TemplatePrepared & { errors: ExprError[] };

/** A template to send: a template node, or a message/ask node's `outsideWindow`. */
export interface TemplateUse {
  name: string;
  language: string;
  values?: Record<string, string>;
  params?: TemplateNode['params'];
}

const COMPONENTS = ['header', 'body', 'buttons'] as const;
const memo = new WeakMap<Turn, Map<string, { context: MachineContext; prepared: PreparedSend }>>();

const memoKey = (flow: Flow, key: string) => `${flow.id}\u0000${key}`;

export function prepareTemplateSend(flow: Flow, node: TemplateNode, context: MachineContext, turn: Turn): PreparedSend {
  return prepareTemplateUse(flow, node.id, node, context, turn);
}

/** Prepares `use` (memoized under `key`, unique per node and use) for this turn and context. */
export function prepareTemplateUse(flow: Flow, key: string, use: TemplateUse, context: MachineContext, turn: Turn): PreparedSend {
  let byKey = memo.get(turn);
  if (!byKey) memo.set(turn, (byKey = new Map()));
  const known = byKey.get(memoKey(flow, key));
  if (known && known.context === context) return known.prepared;
  const prepared = prepare(flow, use, context, turn);
  byKey.set(memoKey(flow, key), { context, prepared });
  return prepared;
}

/**
 * What a visit in this turn prepared under `key`, without asking the gate: undefined when
 * nothing was prepared for it in this turn and context (the node was not entered, or entered
 * quietly). A waiting template node reads it so a later reply never re-asks the gate.
 */
export function preparedThisTurn(flow: Flow, key: string, context: MachineContext, turn: Turn): PreparedSend | undefined {
  const known = memo.get(turn)?.get(memoKey(flow, key));
  return known && known.context === context ? known.prepared : undefined;
}

function prepare(flow: Flow, use: TemplateUse, context: MachineContext, turn: Turn): PreparedSend {
  const errors: ExprError[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(use.values ?? {})) {
    const result = valueOf(source, context, turn, flow.id);
    if (result.error !== undefined) errors.push({ message: `value of '${name}': ${result.error}`, pos: 0 });
    values[name] = result.value;
  }
  let positional: TemplateSendRequest['positional'];
  if (use.params) {
    positional = {};
    for (const component of COMPONENTS) {
      const sources = use.params[component];
      if (!sources) continue;
      positional[component] = sources.map((source) => {
        const rendered = render(source, context, turn, flow.id);
        errors.push(...rendered.errors);
        return rendered.text;
      });
    }
  }
  const request: TemplateSendRequest = { name: use.name, language: use.language, values, ...(positional ? { positional } : {}) };
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
