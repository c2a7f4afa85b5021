/**
 * Reading the user's reply at a wait: which offered choice it picks, and whether it is
 * a valid answer to an ask (by its `expect` type and optional extra test).
 */
import { runOperator } from '../operators';
import { normalize } from '../operators/nlu';
import type { OperatorContext } from '../operators';
import type { AskNode, Button, FlowNode, MessageNode } from '../types';
import { payloadExits } from '../nodes/template/payload-exits';
import { pickLanguage } from './localize';
import type { MachineContext, Turn } from './machine-types';

export interface OfferedChoice {
  id: string;
  title: string;
  synonyms: string[];
}

/** Offered choices per node and language, with their normalized forms, built once. */
const offeredCache = new WeakMap<FlowNode, Map<string, OfferedChoice[]>>();
const normalizedCache = new WeakMap<OfferedChoice[], string[][]>();

/** The choices a waiting node offers, titles in the session language. */
export function offeredChoices(node: FlowNode, language: string, defaultLanguage: string): OfferedChoice[] {
  let byLanguage = offeredCache.get(node);
  if (!byLanguage) offeredCache.set(node, (byLanguage = new Map()));
  const key = `${language}|${defaultLanguage}`;
  let choices = byLanguage.get(key);
  if (!choices) byLanguage.set(key, (choices = buildChoices(node, language, defaultLanguage)));
  return choices;
}

function buildChoices(node: FlowNode, language: string, defaultLanguage: string): OfferedChoice[] {
  const fromButtons = (buttons: Button[]): OfferedChoice[] =>
    buttons.map((button) => ({
      id: button.id,
      title: pickLanguage(button.title, language, defaultLanguage),
      synonyms: button.synonyms
        ? (button.synonyms[language] ?? button.synonyms[language.split('-')[0]!] ?? button.synonyms[defaultLanguage] ?? [])
        : [],
    }));
  if (node.type === 'message') {
    if (node.buttons) return fromButtons(node.buttons);
    if (node.list) {
      return node.list.sections.flatMap((section) =>
        section.rows.map((row) => ({ id: row.id, title: pickLanguage(row.title, language, defaultLanguage), synonyms: [] })),
      );
    }
    return [];
  }
  if (node.type === 'ask' && node.expect === 'choice' && node.choices) return fromButtons(node.choices);
  // A waiting template's quick replies: the payloads its exits name (the button texts live in the template).
  if (node.type === 'template') return payloadExits(node).map((payload) => ({ id: payload, title: payload, synonyms: [] }));
  return [];
}

function normalizedForms(choices: OfferedChoice[]): string[][] {
  let forms = normalizedCache.get(choices);
  if (!forms) {
    forms = choices.map((choice) => [choice.title, choice.id, ...choice.synonyms].map((text) => normalize(text)).filter(Boolean));
    normalizedCache.set(choices, forms);
  }
  return forms;
}

/** Every button guard of a wait asks the same question of the same turn: answer it once. */
const matchCache = new WeakMap<Turn, Map<OfferedChoice[], string | undefined>>();

/**
 * The picked choice id: a tap (choiceId), the NLU's match by meaning (understanding.choice),
 * the title or a synonym typed out, or the choice's number ("2").
 */
export function matchChoice(choices: OfferedChoice[], turn: Turn): string | undefined {
  let perTurn = matchCache.get(turn);
  if (!perTurn) matchCache.set(turn, (perTurn = new Map()));
  if (perTurn.has(choices)) return perTurn.get(choices);
  const picked = pick(choices, turn);
  perTurn.set(choices, picked);
  return picked;
}

function pick(choices: OfferedChoice[], turn: Turn): string | undefined {
  const input = turn.input;
  if (!input) return undefined;
  const byId = (id: string | undefined) => (id !== undefined ? choices.find((choice) => choice.id === id)?.id : undefined);
  const tapped = byId(input.choiceId);
  if (tapped) return tapped;
  const understood = byId(turn.understanding?.choice?.id);
  if (understood) return understood;
  const text = input.text === undefined ? '' : normalize(input.text);
  if (!text) return undefined;
  const forms = normalizedForms(choices);
  const typed = choices.findIndex((_, i) => forms[i]!.includes(text));
  if (typed >= 0) return choices[typed]!.id;
  if (/^\d{1,2}$/.test(text)) return choices[Number(text) - 1]?.id;
  return undefined;
}

export interface AnswerCheck {
  ok: boolean;
  value?: unknown;
  /** The ask's validate.message applies (the extra test failed, not the type). */
  failedExtraTest?: boolean;
}

function operatorContext(context: MachineContext, turn: Turn): OperatorContext {
  return {
    input: turn.input,
    understanding: turn.understanding,
    ...(turn.entities ? { entities: turn.entities } : {}),
    variables: context.vars,
    language: turn.language,
    now: turn.now,
    timezone: turn.timezone,
  };
}

function byType(node: AskNode, context: MachineContext, turn: Turn, defaultLanguage: string): AnswerCheck {
  const input = turn.input;
  if (!input) return { ok: false };
  const text = input.text ?? '';
  const ctx = operatorContext(context, turn);
  const viaOperator = (op: string): AnswerCheck => {
    const result = runOperator(op, text, [], ctx);
    return result.match ? { ok: true, value: result.value } : { ok: false };
  };
  switch (node.expect) {
    case 'text':
      return text.trim() ? { ok: true, value: text.trim() } : { ok: false };
    case 'number':
      return viaOperator('has_number');
    case 'email':
      return viaOperator('has_email');
    case 'phone':
      return viaOperator('has_phone');
    case 'date':
      return viaOperator('has_date');
    case 'choice': {
      const id = matchChoice(offeredChoices(node, turn.language, defaultLanguage), turn);
      return id === undefined ? { ok: false } : { ok: true, value: id };
    }
    case 'location':
      return input.kind === 'location' && input.location ? { ok: true, value: input.location } : { ok: false };
    case 'media':
      return input.kind === 'media' && input.media ? { ok: true, value: input.media } : { ok: false };
  }
}

/** The guard, the assign and the retry prompt of one transition check the same answer: once. */
const answerCache = new WeakMap<MachineContext, { turn: Turn; node: AskNode; result: AnswerCheck }>();

export function checkAnswer(node: AskNode, context: MachineContext, turn: Turn, defaultLanguage: string): AnswerCheck {
  const cached = answerCache.get(context);
  if (cached && cached.turn === turn && cached.node === node) return cached.result;
  const result = checkUncached(node, context, turn, defaultLanguage);
  answerCache.set(context, { turn, node, result });
  return result;
}

function checkUncached(node: AskNode, context: MachineContext, turn: Turn, defaultLanguage: string): AnswerCheck {
  const answer = byType(node, context, turn, defaultLanguage);
  if (!answer.ok || !node.validate) return answer;
  const test = node.validate.test;
  const operand = turn.input?.text ?? (typeof answer.value === 'string' ? answer.value : '');
  const result = runOperator(
    test.op,
    operand,
    test.args ?? [],
    operatorContext({ ...context, vars: { ...context.vars, answer: answer.value } }, turn),
  );
  return result.match ? answer : { ok: false, failedExtraTest: true };
}

export function isChoiceNode(node: FlowNode): node is MessageNode & ({ buttons: Button[] } | { list: NonNullable<MessageNode['list']> }) {
  return node.type === 'message' && Boolean(node.buttons?.length || node.list);
}
