/** Localized text and template scope: what `{{ }}` sees and which language variant is used. */
import { renderTemplate } from '../expr';
import type { ExprError } from '../expr';
import type { LocalizedText } from '../types';
import type { MachineContext, Turn } from './machine-types';

export function pickLanguage(text: LocalizedText, language: string, fallback: string): string {
  if (typeof text === 'string') return text;
  const base = language.split('-')[0]!;
  return text[language] ?? text[base] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** The names a template can read: variables, plus contact, input, trigger, route and flow facts. */
/**
 * Contexts are immutable (every assign makes a new one), so the scope built for a context
 * and turn can be reused by every template and guard that reads them in the same step.
 */
const scopes = new WeakMap<MachineContext, { turn: Turn; scope: Record<string, unknown> }>();

export function scopeOf(context: MachineContext, turn: Turn, flowId: string): Record<string, unknown> {
  const cached = scopes.get(context);
  if (cached && cached.turn === turn) return cached.scope;
  const scope = buildScope(context, turn, flowId);
  scopes.set(context, { turn, scope });
  return scope;
}

function buildScope(context: MachineContext, turn: Turn, flowId: string): Record<string, unknown> {
  return {
    ...context.vars,
    contact: turn.contact ?? {},
    input: turn.input ?? {},
    trigger: turn.trigger ?? {},
    route: context.route ?? {},
    flow: { id: flowId },
    language: turn.language,
  };
}

export interface Rendered {
  text: string;
  errors: ExprError[];
}

export function render(template: string, context: MachineContext, turn: Turn, flowId: string): Rendered {
  if (!template.includes('{{')) return { text: template, errors: [] };
  return renderTemplate(template, scopeOf(context, turn, flowId), { now: turn.now, timezone: turn.timezone, locale: turn.language });
}

export function renderLocalized(text: LocalizedText, context: MachineContext, turn: Turn, flowId: string, defaultLanguage: string): Rendered {
  return render(pickLanguage(text, turn.language, defaultLanguage), context, turn, flowId);
}
