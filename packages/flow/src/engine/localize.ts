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
 * The session facts a template can read besides the variables. They are layered over the
 * variables (`fallback`) instead of copied together with them, and depend only on the turn,
 * the flow and the last route match, so one object serves a whole step.
 */
const factsCache = new WeakMap<Turn, { flowId: string; route: MachineContext['route']; facts: Record<string, unknown> }>();

export function factsOf(context: MachineContext, turn: Turn, flowId: string): Record<string, unknown> {
  const cached = factsCache.get(turn);
  if (cached && cached.flowId === flowId && cached.route === context.route) return cached.facts;
  const facts = {
    contact: turn.contact ?? {},
    input: turn.input ?? {},
    trigger: turn.trigger ?? {},
    route: context.route ?? {},
    flow: { id: flowId },
    language: turn.language,
  };
  factsCache.set(turn, { flowId, route: context.route, facts });
  return facts;
}

/** Everything a template can read, as one object (for operators that take a variables record). */
export function scopeOf(context: MachineContext, turn: Turn, flowId: string): Record<string, unknown> {
  return { ...context.vars, ...factsOf(context, turn, flowId) };
}

/** Evaluation options that layer the session facts over the frame's variables. */
export function evalOptions(context: MachineContext, turn: Turn) {
  return { fallback: context.vars, now: turn.now, timezone: turn.timezone, locale: turn.language };
}

export interface Rendered {
  text: string;
  errors: ExprError[];
}

export function render(template: string, context: MachineContext, turn: Turn, flowId: string): Rendered {
  if (!template.includes('{{')) return { text: template, errors: [] };
  return renderTemplate(template, factsOf(context, turn, flowId), evalOptions(context, turn));
}

export function renderLocalized(
  text: LocalizedText,
  context: MachineContext,
  turn: Turn,
  flowId: string,
  defaultLanguage: string,
): Rendered {
  return render(pickLanguage(text, turn.language, defaultLanguage), context, turn, flowId);
}
