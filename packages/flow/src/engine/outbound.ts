/** Builds the channel-neutral outbound messages of message, ask and handoff nodes (template nodes: nodes/template/prepare.ts). */
import type { ExprError } from '../expr';
import type { AskNode, Flow, LocalizedText, MessageNode } from '../types';
import { offeredChoices } from './answers';
import type { TemplateMessage } from '@parley/contract';
import type { Effect, OutboundMessage } from './contract';
import { render, renderLocalized } from './localize';
import type { MachineContext, Turn } from './machine-types';

export interface Built {
  messages: OutboundMessage[];
  errors: ExprError[];
  /** The node's `outsideWindow` template, prepared: the send plane sends it instead of the first message when the 24-hour window is closed. */
  fallbackTemplate?: TemplateMessage;
  /** The gate refused the node's `outsideWindow` template: nothing replaces the messages outside the window. */
  refused?: TemplateRefused;
}

/** A refused template, as the `template.refused` effect reports it. */
type TemplateRefused = Omit<Extract<Effect, { type: 'template.refused' }>, 'type'>;

class Collector {
  readonly messages: OutboundMessage[] = [];
  readonly errors: ExprError[] = [];

  constructor(
    private readonly flow: Flow,
    private readonly context: MachineContext,
    private readonly turn: Turn,
  ) {}

  text(text: LocalizedText): string {
    const rendered = renderLocalized(text, this.context, this.turn, this.flow.id, this.flow.languages[0] ?? 'en');
    this.errors.push(...rendered.errors);
    return rendered.text;
  }

  template(source: string): string {
    const rendered = render(source, this.context, this.turn, this.flow.id);
    this.errors.push(...rendered.errors);
    return rendered.text;
  }

  done(): Built {
    return { messages: this.messages, errors: this.errors };
  }
}

function choicesMessage(c: Collector, node: MessageNode | AskNode, text: string, turn: Turn, flow: Flow): OutboundMessage {
  const options = offeredChoices(node, turn.language, flow.languages[0] ?? 'en').map((choice) => ({
    id: choice.id,
    title: c.template(choice.title),
  }));
  if (node.type === 'message' && node.list) {
    const rows = node.list.sections;
    return {
      kind: 'choices',
      text,
      options: rows.flatMap((section) =>
        section.rows.map((row) => ({
          id: row.id,
          title: options.find((option) => option.id === row.id)?.title ?? row.id,
          ...(row.description !== undefined ? { description: c.text(row.description) } : {}),
        })),
      ),
      listButton: c.text(node.list.button),
      sections: rows.map((section) => ({
        ...(section.title !== undefined ? { title: c.text(section.title) } : {}),
        optionIds: section.rows.map((row) => row.id),
      })),
    };
  }
  return { kind: 'choices', text, options };
}

export function messageNodeOutbound(flow: Flow, node: MessageNode, context: MachineContext, turn: Turn): Built {
  const c = new Collector(flow, context, turn);
  if (node.media) {
    c.messages.push({
      kind: 'media',
      media: {
        type: node.media.type,
        url: c.template(node.media.url),
        ...(node.media.caption !== undefined ? { caption: c.text(node.media.caption) } : {}),
        ...(node.media.filename !== undefined ? { filename: node.media.filename } : {}),
      },
    });
  }
  const text = node.text === undefined ? '' : c.text(node.text);
  if (node.buttons?.length || node.list) c.messages.push(choicesMessage(c, node, text, turn, flow));
  else if (text) c.messages.push({ kind: 'text', text });
  return c.done();
}

/** The ask's prompt (or its retry prompt), with its choices when it expects one. */
export function askOutbound(flow: Flow, node: AskNode, context: MachineContext, turn: Turn, prompt: LocalizedText): Built {
  const c = new Collector(flow, context, turn);
  const text = c.text(prompt);
  if (node.expect === 'choice' && node.choices?.length) c.messages.push(choicesMessage(c, node, text, turn, flow));
  else if (text) c.messages.push({ kind: 'text', text });
  return c.done();
}

export function textOutbound(flow: Flow, text: LocalizedText, context: MachineContext, turn: Turn): Built {
  const c = new Collector(flow, context, turn);
  const rendered = c.text(text);
  if (rendered) c.messages.push({ kind: 'text', text: rendered });
  return c.done();
}
