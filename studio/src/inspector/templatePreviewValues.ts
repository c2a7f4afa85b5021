/**
 * The values a template node's preview shows: each parameter's mapped expression evaluated with
 * the defaults of the flow's variables; where that gives nothing (no mapping, a variable without
 * a default, contact fields only a live chat has), the declared fallback, else the template's
 * example. Each value says where it came from so the inspector can tell the marketer.
 */
import { evaluate, parseTemplate, referencedVariables, renderTemplate, type Flow } from '@parley/flow';
import type { ParameterSpec } from '@parley/templates';

export type PreviewSource = 'literal' | 'variables' | 'fallback' | 'example';

export interface PreviewValues {
  values: Record<string, unknown>;
  sources: Record<string, PreviewSource>;
}

/** The flow's variables that declare a default, as the preview's scope. */
function defaultScope(flow: Flow): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(flow.variables ?? {})) if (decl.default !== undefined) scope[name] = decl.default;
  return scope;
}

/** The single expression of a value that is exactly one `{{expr}}` (its raw value is sent), else null. */
export function singleExpression(value: string): string | null {
  const parsed = parseTemplate(value.trim());
  const only = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
  return only?.kind === 'expr' && !only.error ? only.source : null;
}

function fromMapping(mapping: string, scope: Record<string, unknown>): { value: unknown; source: PreviewSource } | null {
  if (!mapping.includes('{{')) return { value: mapping, source: 'literal' };
  const expr = singleExpression(mapping);
  if (expr !== null) {
    const r = evaluate(expr, scope);
    return r.error || r.value === null || r.value === undefined ? null : { value: r.value, source: 'variables' };
  }
  // Mixed text: only when every variable it reads has a value, else the text would have holes.
  const roots = referencedVariables(mapping).map((v) => v.split('.')[0]!);
  if (roots.some((v) => scope[v] === undefined || scope[v] === null)) return null;
  const r = renderTemplate(mapping, scope);
  return r.errors.length ? null : { value: r.text, source: 'variables' };
}

export function previewValues(
  flow: Flow,
  parameters: Readonly<Record<string, ParameterSpec>>,
  mappings: Readonly<Record<string, string>>,
): PreviewValues {
  const scope = defaultScope(flow);
  const values: Record<string, unknown> = {};
  const sources: Record<string, PreviewSource> = {};
  for (const [name, spec] of Object.entries(parameters)) {
    const mapped = mappings[name];
    const got = mapped !== undefined && mapped.trim() !== '' ? fromMapping(mapped, scope) : null;
    if (got) {
      values[name] = got.value;
      sources[name] = got.source;
    } else if (spec.fallback !== undefined && (mapped === undefined || mapped.trim() === '')) {
      // Unmapped: a send uses the fallback, so the preview does too.
      values[name] = spec.fallback;
      sources[name] = 'fallback';
    } else {
      values[name] = spec.example;
      sources[name] = 'example';
    }
  }
  return { values, sources };
}
