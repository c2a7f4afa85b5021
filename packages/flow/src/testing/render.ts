/**
 * One-line renderings of turns, shared by the diff (expected vs actual) and `parley chat`.
 * An expected bot turn that matches renders exactly like the actual message, so only the
 * turns that differ show up in the diff.
 */
import type { TemplateParam } from '@parley/contract';
import type { OutboundMessage } from '../engine/contract';
import type { BotMessage, BotRefusal } from './conversation';
import type { BotExpectation, UserTurn } from './types';

const DROPPED = ' (not sent: window closed)';

export function renderOutbound(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return `bot: ${oneLine(message.text)}`;
    case 'choices':
      return `bot: ${oneLine(message.text)} [${message.options.map((o) => o.title).join(' | ')}]`;
    case 'media': {
      const caption = message.media.caption ? ` ${oneLine(message.media.caption)}` : '';
      return `bot: [${message.media.type} ${message.media.url}]${caption}`;
    }
    case 'template': {
      const params = [...(message.params.header ?? []), ...(message.params.body ?? []), ...(message.params.buttons ?? [])];
      return `bot: [template ${message.name} ${message.language}${params.length ? `: ${params.map(paramText).join(', ')}` : ''}]`;
    }
  }
}

/** A template parameter as the transcript shows it: `name=value` for named ones. */
export function paramText(param: TemplateParam): string {
  if (typeof param === 'string') return param;
  switch (param.type) {
    case 'text':
      return param.name ? `${param.name}=${oneLine(param.text)}` : oneLine(param.text);
    case 'image':
    case 'video':
    case 'document':
      return `${param.name ? `${param.name}=` : ''}${param.link}`;
    case 'location':
      return `${param.latitude},${param.longitude}`;
    case 'payload':
      return param.payload;
    case 'url':
      return param.text;
    case 'coupon_code':
      return param.code;
  }
}

/** A bot turn as it happened: a message (sent, or dropped outside the window) or a refused template. */
export function renderBotEvent(event: BotMessage | BotRefusal): string {
  if ('refused' in event) return `bot: [template ${event.refused.name} refused: ${event.refused.reason}]`;
  return renderOutbound(event.message) + (event.dropped ? DROPPED : '');
}

/** The reasons a bot turn does not meet an expectation; empty when it does. */
export function botEventMismatches(expected: BotExpectation, actual: BotMessage | BotRefusal): string[] {
  if ('refused' in actual) {
    const { name, reason, detail } = actual.refused;
    if (expected.refused === undefined) return [`template ${JSON.stringify(name)} was refused (${reason}: ${detail}), expected a message`];
    const problems: string[] = [];
    if (expected.refused !== reason)
      problems.push(`template ${JSON.stringify(name)} was refused for ${reason}, expected ${expected.refused}`);
    if (expected.template !== undefined && expected.template !== name)
      problems.push(`template is ${JSON.stringify(name)}, expected ${JSON.stringify(expected.template)}`);
    return problems;
  }
  const problems = botMismatches(expected, actual.message);
  if (expected.refused !== undefined) problems.push(`a message was sent, expected a template refused for ${expected.refused}`);
  if (expected.dropped === undefined && actual.dropped)
    problems.push(
      'it was not sent: the 24-hour window is closed (only templates go); expect "dropped": "window_closed", or send a template',
    );
  if (expected.dropped !== undefined && !actual.dropped) problems.push('it was sent, expected it dropped (the 24-hour window is open)');
  return problems;
}

export function renderUserTurn(turn: UserTurn): string {
  if ('user' in turn) return `user: ${oneLine(turn.user)}`;
  if ('tap' in turn) return `user: [tap ${turn.tap}]`;
  if ('pick' in turn) return `user: [pick ${turn.pick}]`;
  if ('media' in turn) return `user: [${turn.media.type}${turn.media.caption ? ` ${oneLine(turn.media.caption)}` : ''}]`;
  if ('location' in turn) return `user: [location ${turn.location.latitude},${turn.location.longitude}]`;
  if ('timeout' in turn) return turn.timeout === true ? '(timeout)' : `(timeout ${turn.timeout})`;
  return `(event ${turn.event.type})`;
}

/** The reasons a bot message does not meet an expectation; empty when it does. */
export function botMismatches(expected: BotExpectation, actual: OutboundMessage): string[] {
  const problems: string[] = [];
  const text = messageText(actual);
  if (expected.text !== undefined && text !== expected.text) {
    problems.push(`text is ${JSON.stringify(text ?? null)}, expected ${JSON.stringify(expected.text)}`);
  }
  if (expected.contains !== undefined && !(text ?? '').includes(expected.contains)) {
    problems.push(`text ${JSON.stringify(text ?? null)} does not contain ${JSON.stringify(expected.contains)}`);
  }
  if (expected.buttons !== undefined) {
    const titles = actual.kind === 'choices' ? actual.options.map((o) => o.title) : [];
    if (titles.length !== expected.buttons.length || titles.some((t, i) => t !== expected.buttons![i])) {
      problems.push(`choices are [${titles.join(', ')}], expected [${expected.buttons.join(', ')}]`);
    }
  }
  if (expected.template !== undefined) {
    const name = actual.kind === 'template' ? actual.name : null;
    if (name !== expected.template) problems.push(`template is ${JSON.stringify(name)}, expected ${JSON.stringify(expected.template)}`);
  }
  if (expected.media !== undefined) {
    const type = actual.kind === 'media' ? actual.media.type : null;
    if (type !== expected.media) problems.push(`media is ${JSON.stringify(type)}, expected ${JSON.stringify(expected.media)}`);
  }
  return problems;
}

/** How an expectation reads in the diff when no message (or a different one) was sent. */
export function renderBotExpectation(expected: BotExpectation): string {
  const parts: string[] = [];
  if (expected.refused !== undefined) return `bot: [template ${expected.template ?? '…'} refused: ${expected.refused}]`;
  if (expected.template !== undefined) parts.push(`[template ${expected.template}]`);
  if (expected.media !== undefined) parts.push(`[${expected.media} …]`);
  if (expected.text !== undefined) parts.push(oneLine(expected.text));
  if (expected.contains !== undefined) parts.push(`…${oneLine(expected.contains)}…`);
  if (expected.buttons !== undefined) parts.push(`[${expected.buttons.join(' | ')}]`);
  return `bot: ${parts.join(' ')}${expected.dropped ? DROPPED : ''}`;
}

export function messageText(message: OutboundMessage): string | undefined {
  switch (message.kind) {
    case 'text':
    case 'choices':
      return message.text;
    case 'media':
      return message.media.caption;
    case 'template':
      return undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}
