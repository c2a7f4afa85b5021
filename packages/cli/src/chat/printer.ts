/** How `parley chat` shows the bot's side: messages, numbered choices, handoffs and the end. */
import { templateParamText, type OutboundMessage, type Outcome } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { Io, Paint } from '../io';

/** The choices last offered, so typing "2" taps the second one. */
export interface OfferedChoices {
  kind: 'button' | 'list';
  ids: string[];
}

export function printOutcome(outcome: Outcome, io: Io, paint: Paint): OfferedChoices | undefined {
  let offered: OfferedChoices | undefined;
  for (const { message } of outcome.outbound) {
    const choices = printMessage(message, io, paint);
    if (choices) offered = choices;
  }
  for (const handoff of outcome.handoffs) printHandoff(handoff, io, paint);
  for (const error of outcome.errors) {
    io.stdout(paint('red', `  ✗ engine error ${error.code}${error.nodeId ? ` at node "${error.nodeId}"` : ''}: ${error.message}\n`));
  }
  if (outcome.ended !== undefined) printEnded(`ended (${outcome.ended})`, io, paint);
  return offered;
}

/** A handoff notice; the runtime's simulator reports the status only, hence the optional details. */
export function printHandoff(handoff: { queue?: string; reason?: string }, io: Io, paint: Paint): void {
  const queue = handoff.queue ? ` (queue "${handoff.queue}")` : '';
  io.stdout(
    paint(
      'yellow',
      `  ⇢ handed over to a person${queue}${handoff.reason ? `: ${handoff.reason}` : ''}. Type /release to hand the chat back to the bot.\n`,
    ),
  );
}

/** `how` completes "conversation …": "ended (resolved)", "expired", … */
export function printEnded(how: string, io: Io, paint: Paint): void {
  io.stdout(paint('dim', `  ■ conversation ${how}. /restart to start again, /quit to leave.\n`));
}

/** One bot message; returns the choices it offers so a typed number can pick one. */
export function printMessage(message: OutboundMessage, io: Io, paint: Paint): OfferedChoices | undefined {
  const bot = paint('cyan', 'bot ›');
  switch (message.kind) {
    case 'text':
      io.stdout(`${bot} ${indentContinuation(message.text)}\n`);
      return undefined;
    case 'choices': {
      io.stdout(`${bot} ${indentContinuation(message.text)}\n`);
      message.options.forEach((option, index) => {
        const description = option.description ? paint('dim', ` — ${option.description}`) : '';
        io.stdout(`      ${paint('bold', `${index + 1}.`)} ${option.title}${description}\n`);
      });
      const isList = message.sections !== undefined || message.listButton !== undefined || message.options.length > 3;
      return { kind: isList ? 'list' : 'button', ids: message.options.map((option) => option.id) };
    }
    case 'media': {
      const caption = message.media.caption ? ` ${message.media.caption}` : '';
      io.stdout(`${bot} [${message.media.type}: ${message.media.url}]${caption}\n`);
      return undefined;
    }
    case 'template': {
      const params = [...(message.params.header ?? []), ...(message.params.body ?? []), ...(message.params.buttons ?? [])];
      io.stdout(
        `${bot} [WhatsApp template "${message.name}" (${message.language})${params.length ? `: ${params.map(templateParamText).join(' | ')}` : ''}]\n`,
      );
      return undefined;
    }
  }
}

function indentContinuation(text: string): string {
  return text.replace(/\n/g, '\n      ');
}

export const CHAT_COMMANDS = `Commands:
  <number>            pick that choice (as a button tap / list pick)
  /tap <id>           tap a button or list row by id
  /timeout [kind]     fire the next pending timer (ask_timeout, soft_timeout, expire, wait)
  /location <lat>,<lng>  send a location
  /media <type> [caption]  send an image, video, audio, document or sticker
  /release            a person hands the chat back to the bot (after a handoff)
  /why                how the last message was understood (intent, confidence, entities, reasons)
  /vars               show the variables
  /state              show status, the node waited at and pending timers
  /save <name>        append this conversation to the flow's test file as a transcript test
  /restart            start the conversation again
  /quit               leave
`;

/** `/why`: how a message was understood — intent and tier, choice, yes/no, entities, reasons. */
export function understandingLines(u: Understanding): string {
  const lines = [
    `intent: ${u.intent ?? 'none (out of scope)'}${u.intent ? ` (${u.confidence.toFixed(2)}, ${u.tier})` : ''}`,
    ...(u.choice ? [`choice: ${u.choice.id} (${u.choice.confidence.toFixed(2)}, ${u.choice.tier})`] : []),
    ...(u.polarity ? [`yes/no: ${u.polarity}`] : []),
    ...(u.entities.length ? [`entities: ${u.entities.map((e) => `${e.name ?? e.type}=${JSON.stringify(e.value)}`).join(', ')}`] : []),
    ...(u.candidates.length
      ? [
          `candidates: ${u.candidates
            .slice(0, 3)
            .map((c) => `${c.intent} ${c.confidence.toFixed(2)}`)
            .join(', ')}`,
        ]
      : []),
    ...u.reasons.map((reason) => `· ${reason}`),
  ];
  return lines.map((line) => `  ${line}\n`).join('');
}
