/**
 * The agent desk: while a person has a conversation (a handoff node, or an agent took it over)
 * the bot is silent, the user's messages are kept in the desk transcript and announced to the
 * configured helpdesk webhook, and agents answer through the same outbox (window, rate limit,
 * retries) as the bot. Pure helpers here; the worker commits, the admin API reads.
 */
import type { Effect, EngineEvent, InboundMessage, OutboundMessage } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import type { Commit, ConversationId, DeskEntry, DeskState, OutboundItem } from '../conversation';

/** Long messages are cut in the transcript (the full text still reaches the helpdesk webhook). */
const ENTRY_MAX_CHARS = 1000;

const cut = (text: string): string => (text.length > ENTRY_MAX_CHARS ? `${text.slice(0, ENTRY_MAX_CHARS - 1)}…` : text);

export function describeInbound(m: InboundMessage): string {
  // A reaction or a system notice is something the user did, not words they wrote: agents see it as such.
  if (m.kind === 'reaction') return m.text ? `[reaction ${m.text}]` : '[reaction removed]';
  if (m.kind === 'unsupported') return m.text ? `[unsupported: ${m.text}]` : '[unsupported]';
  if (m.text) return m.text;
  if (m.choiceId) return `[picked ${m.choiceId}]`;
  if (m.media) return `[${m.media.type}]${m.media.caption ? ` ${m.media.caption}` : ''}`;
  if (m.location) return `[location ${m.location.latitude},${m.location.longitude}${m.location.name ? ` ${m.location.name}` : ''}]`;
  return `[${m.kind}]`;
}

function describeOutbound(m: OutboundMessage): string {
  switch (m.kind) {
    case 'text':
      return m.text;
    case 'media':
      return `[${m.media.type}]${m.media.caption ? ` ${m.media.caption}` : ''}`;
    case 'choices':
      return `${m.text} [${m.options.map((o) => o.title).join(' | ')}]`;
    case 'template':
      return `[template ${m.name}]`;
  }
}

export function entry(at: number, from: DeskEntry['from'], text: string): DeskEntry {
  return { at, from, text: cut(text) };
}

export type DeskEvent =
  | { type: 'handoff.started'; conversation: ConversationId; desk: DeskState; transcript: DeskEntry[]; variables?: Record<string, unknown> }
  | { type: 'handoff.message'; conversation: ConversationId; text: string; message: InboundMessage }
  | { type: 'handoff.released'; conversation: ConversationId };

/** Tells the helpdesk (config `handoff.webhookUrl`); a failure is logged, never retried into the conversation. */
export async function notifyDesk(ctx: RuntimeContext, event: DeskEvent): Promise<void> {
  ctx.metrics.deskEvents.inc({ type: event.type });
  const url = ctx.config.handoff?.webhookUrl;
  if (!url) return;
  try {
    const res = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...event, at: new Date(ctx.now()).toISOString() }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) ctx.log.warn({ status: res.status, type: event.type, conv: event.conversation }, 'handoff webhook answered with an error');
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, type: event.type, conv: event.conversation }, 'handoff webhook failed');
  }
}

/**
 * A handoff node handed the conversation to a person: the desk state to keep in the session,
 * the transcript it opens with (what led to it) and the event that tells the helpdesk.
 */
export function openDeskForHandoff(
  conversation: ConversationId,
  now: number,
  handoff: Extract<Effect, { type: 'handoff' }>,
  cause: EngineEvent,
  outbound: OutboundItem[],
  variables: Record<string, unknown>,
): { state: DeskState; commit: NonNullable<Commit['desk']>; event: DeskEvent } {
  const state: DeskState = {
    since: now,
    by: 'flow',
    ...(handoff.queue ? { queue: handoff.queue } : {}),
    ...(handoff.reason ? { reason: handoff.reason } : {}),
  };
  const log: DeskEntry[] = [];
  if (cause.type === 'message') log.push(entry(now, 'user', describeInbound(cause.message)));
  for (const o of outbound) log.push(entry(now, 'bot', describeOutbound(o.message)));
  log.push(entry(now, 'system', `handed off${handoff.queue ? ` to ${handoff.queue}` : ''}${handoff.reason ? `: ${handoff.reason}` : ''}`));
  return {
    state,
    commit: { open: { since: now }, log },
    event: { type: 'handoff.started', conversation, desk: state, transcript: log, variables },
  };
}
