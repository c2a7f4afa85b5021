/**
 * The templates a flow can send: every template node of the flow and of the subflows it calls,
 * with the node's `values` (parameter → `{{ }}` template), and the values those give on a sample
 * context — evaluated like the engine does: a value that is one whole `{{expression}}` keeps its
 * raw type (a number, a currency object), anything else is rendered to text.
 */
import { evaluate, parseTemplate, renderTemplate, type Flow, type TemplateNode } from '@parley/flow';

export interface TemplateUse {
  flowId: string;
  nodeId: string;
  name: string;
  language: string;
  /** Named values; absent for a legacy node with positional `params`. */
  values?: Record<string, string>;
}

export function templateUses(flows: Flow[]): TemplateUse[] {
  return flows.flatMap((flow) =>
    flow.nodes
      .filter((node): node is TemplateNode => node.type === 'template')
      .map((node) => ({
        flowId: flow.id,
        nodeId: node.id,
        name: node.name,
        language: node.language,
        ...(node.values ? { values: node.values } : {}),
      })),
  );
}

/** A sample session: the flow's variables and the facts (`contact`, `trigger`, `input`) a template can read. */
export interface SampleContext {
  label: string;
  variables: Record<string, unknown>;
  facts: Record<string, unknown>;
}

/** The flow's declared defaults: what a session that set nothing would send. */
export function defaultContext(flow: Flow): SampleContext {
  const variables = Object.fromEntries(
    Object.entries(flow.variables ?? {}).flatMap(([name, decl]) => (decl.default === undefined ? [] : [[name, decl.default]])),
  );
  return { label: 'flow defaults', variables, facts: { contact: {}, trigger: {}, input: {} } };
}

export interface EvaluatedValues {
  values: Record<string, unknown>;
  /** Expressions that failed, as `param: message` (the engine would send empty text for them). */
  errors: string[];
}

export function evaluateValues(
  values: Record<string, string>,
  flow: Flow,
  context: SampleContext,
  language: string,
  now: number = Date.now(),
): EvaluatedValues {
  const defaults = defaultContext(flow).variables;
  const variables = { ...defaults, ...context.variables };
  const facts = { ...context.facts, flow: { id: flow.id }, language };
  const options = { fallback: variables, now, locale: language };
  const out: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [param, source] of Object.entries(values)) {
    // The engine's rule (flow engine/values.ts valueOf): one expression, nothing but blanks around it.
    const parsed = parseTemplate(source);
    const exprs = parsed.parts.filter((part) => part.kind === 'expr');
    const lone =
      exprs.length === 1 && parsed.errors.length === 0 && parsed.parts.every((part) => part.kind === 'expr' || !part.text.trim());
    const only = exprs[0];
    if (lone && only?.kind === 'expr' && only.ast) {
      const result = evaluate(only.ast, facts, options);
      if (result.error) errors.push(`${param}: ${result.error.message}`);
      // As the engine does: null (a variable never set) goes to the gate, which uses the fallback.
      out[param] = result.error ? null : result.value;
      continue;
    }
    const rendered = renderTemplate(parsed, facts, options);
    errors.push(...rendered.errors.map((e) => `${param}: ${e.message}`));
    out[param] = rendered.text;
  }
  return { values: out, errors };
}
