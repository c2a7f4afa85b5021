/**
 * `{{ expression }}` templates inside text. Parsed once and cached by source; rendering
 * shares one step budget across all expressions of the template. A bad expression renders
 * as empty text and is reported in `errors` — rendering never throws.
 */
import { DEFAULT_LIMITS, type Expr, type ExprError } from './ast';
import { evaluateIn, makeContext, type EvalOptions } from './evaluate';
import { parseExpression } from './parser';
import { toText } from './values';
import { cutAtGrapheme } from './unicode';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expr'; source: string; pos: number; ast?: Expr; error?: ExprError };

export interface ParsedTemplate {
  source: string;
  parts: TemplatePart[];
  errors: ExprError[];
}

/** Max template source length; longer text is reported, not parsed. */
export const MAX_TEMPLATE_LENGTH = 16_384;
const CACHE_LIMIT = 2_000;
const cache = new Map<string, ParsedTemplate>();

export function parseTemplate(source: string): ParsedTemplate {
  const hit = cache.get(source);
  if (hit) return hit;
  const parsed = parseUncached(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

function parseUncached(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: ExprError[] = [];
  if (source.length > MAX_TEMPLATE_LENGTH) {
    const error = { message: `template is ${source.length} characters long; the limit is ${MAX_TEMPLATE_LENGTH}`, pos: 0 };
    return { source, parts: [{ kind: 'text', text: '' }], errors: [error] };
  }
  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open === -1) break;
    const close = source.indexOf('}}', open + 2);
    if (close === -1) {
      // The rest is dropped rather than shown: template syntax must never reach a customer.
      errors.push({ message: `'{{' at ${open} has no closing '}}'`, pos: open });
      if (open > cursor) parts.push({ kind: 'text', text: source.slice(cursor, open) });
      cursor = source.length;
      break;
    }
    if (open > cursor) parts.push({ kind: 'text', text: source.slice(cursor, open) });
    const exprSource = source.slice(open + 2, close);
    const parsed = parseExpression(exprSource, DEFAULT_LIMITS);
    if (parsed.error) {
      const error = { message: parsed.error.message, pos: open + 2 + parsed.error.pos };
      errors.push(error);
      parts.push({ kind: 'expr', source: exprSource, pos: open + 2, error });
    } else {
      parts.push({ kind: 'expr', source: exprSource, pos: open + 2, ast: parsed.ast });
    }
    cursor = close + 2;
  }
  if (cursor < source.length) parts.push({ kind: 'text', text: source.slice(cursor) });
  return { source, parts, errors };
}

export interface RenderResult {
  text: string;
  errors: ExprError[];
}

export function renderTemplate(template: string | ParsedTemplate, scope: Record<string, unknown>, options: EvalOptions = {}): RenderResult {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  // Fast path: plain text is the common case for flow messages.
  const only = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
  if (only?.kind === 'text' && parsed.errors.length === 0) return { text: only.text, errors: [] };
  if (parsed.parts.length === 0 && parsed.errors.length === 0) return { text: '', errors: [] };
  const ctx = makeContext(scope, options);
  const errors = [...parsed.errors];
  let text = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      text += part.text;
    } else if (part.ast) {
      const result = evaluateIn(part.ast, ctx);
      if (result.error) errors.push({ message: result.error.message, pos: part.pos + result.error.pos });
      else text += toText(result.value);
    }
    if (text.length > ctx.limits.maxStringLength) {
      errors.push({ message: `rendered text is longer than the limit of ${ctx.limits.maxStringLength} characters`, pos: 0 });
      // On a grapheme boundary: a plain slice can split an emoji into a lone surrogate.
      text = cutAtGrapheme(text, ctx.limits.maxStringLength);
      break;
    }
  }
  return { text, errors };
}

/** True when the text contains at least one `{{`. */
export function isTemplate(source: string): boolean {
  return source.includes('{{');
}

/**
 * Variable paths a template (or a bare expression) reads, e.g. ["cart.total", "name"].
 * Static member chains are kept (`contact.name`); dynamic indexes cut the path (`items[0]` → "items").
 */
export function referencedVariables(template: string, options: { expression?: boolean } = {}): string[] {
  const found = new Set<string>();
  const asts: Expr[] = [];
  if (options.expression) {
    const parsed = parseExpression(template);
    if (parsed.ast) asts.push(parsed.ast);
  } else {
    for (const part of parseTemplate(template).parts) if (part.kind === 'expr' && part.ast) asts.push(part.ast);
  }
  for (const ast of asts) collect(ast, found);
  return [...found].sort();
}

function staticPath(node: Expr): string | undefined {
  if (node.kind === 'variable') return node.name;
  if (node.kind === 'member') {
    const base = staticPath(node.object);
    return base === undefined ? undefined : `${base}.${node.property}`;
  }
  return undefined;
}

function collect(node: Expr, found: Set<string>): void {
  switch (node.kind) {
    case 'variable':
      found.add(node.name);
      return;
    case 'member': {
      const path = staticPath(node);
      if (path !== undefined) found.add(path);
      else collect(node.object, found);
      return;
    }
    case 'index':
      collect(node.object, found);
      collect(node.index, found);
      return;
    case 'unary':
      collect(node.operand, found);
      return;
    case 'binary':
    case 'logical':
      collect(node.left, found);
      collect(node.right, found);
      return;
    case 'call':
    case 'list':
      for (const child of node.kind === 'call' ? node.args : node.items) collect(child, found);
      return;
    case 'literal':
      return;
  }
}
