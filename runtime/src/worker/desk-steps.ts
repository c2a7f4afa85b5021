/**
 * The worker's side of the agent desk (see desk.ts): a message while a person has the
 * conversation, an agent's reply or takeover, and the release back to the bot.
 */
import type { EngineEvent } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import { parseConversationId } from '../conversation';
import type { SimulatorEvent } from '../simulator/hub';
import type { Commit, ConversationId, InboxItem, Lane, StoredSession } from '../conversation';
import { describeInbound, entry, type DeskEvent } from './desk';
import type { ProcessOutcome, SessionFlow } from './process';

/** What the desk steps need of the item processor. */
export interface StepHost {
  readonly ctx: RuntimeContext;
  base(): Commit;
  runStep(conv: ConversationId, session: StoredSession, current: SessionFlow, event: EngineEvent, opts: { lane: Lane }): Promise<ProcessOutcome>;
}

/** A person has the conversation: the message goes to the desk transcript and the helpdesk, not to the bot. */
export function toDesk(host: StepHost, conv: ConversationId, session: StoredSession, item: Extract<InboxItem, { kind: 'message' }>, contact: Commit['contact']): ProcessOutcome {
  const text = describeInbound(item.message);
  const commit: Commit = { ...host.base(), ...(contact ? { contact } : {}), desk: { log: [entry(host.ctx.now(), 'user', text)] } };
  return {
    commit, jobs: [], desk: [{ type: 'handoff.message', conversation: conv, text, message: item.message }],
    simulator: simulatorState(conv, session),
  };
}

/** The desk closes; a handoff node continues at its exit, a taken-over conversation where the bot was. */
export async function releaseDesk(host: StepHost, conv: ConversationId, session: StoredSession, current: SessionFlow, event: Extract<EngineEvent, { type: 'handoff.released' }>): Promise<ProcessOutcome> {
  const { desk: _closed, ...bot } = session;
  const notify: DeskEvent[] = [{ type: 'handoff.released', conversation: conv }];
  if (session.snapshot.status === 'handoff') {
    const out = await host.runStep(conv, bot, current, event, { lane: session.lane ?? 0 });
    const closing = out.commit.desk?.open ? out.commit.desk : { close: true };
    return { ...out, commit: { ...out.commit, desk: closing }, desk: [...notify, ...(out.desk ?? [])] };
  }
  return { commit: { ...host.base(), session: bot, desk: { close: true } }, jobs: [], simulator: simulatorState(conv, bot), desk: notify };
}

export function simulatorState(conv: ConversationId, session: StoredSession): SimulatorEvent[] {
  if (parseConversationId(conv).channel !== 'simulator') return [];
  const { snapshot } = session;
  return [{ type: 'state', status: session.desk ? 'handoff' : snapshot.status, variables: snapshot.variables as Record<string, unknown>, visited: [], outbound: 0 }];
}

export function deskControl(host: StepHost, conv: ConversationId, item: Extract<InboxItem, { action: 'agent-message' | 'takeover' }>, session: StoredSession | null): ProcessOutcome {
  const now = host.ctx.now();
  if (!session) {
    host.ctx.log.warn({ conv, action: item.action }, 'agent desk action dropped: the conversation has no active session');
    return { commit: host.base(), jobs: [], simulator: [] };
  }
  if (item.action === 'agent-message') {
    if (!session.desk) {
      host.ctx.log.warn({ conv }, 'agent message dropped: nobody has taken the conversation over');
      return { commit: host.base(), jobs: [], simulator: [] };
    }
    const commit: Commit = {
      ...host.base(),
      outbound: [{ key: `agent:${item.id}`, nodeId: 'agent', lane: 0, message: { kind: 'text', text: item.text }, attempts: 0, createdAt: now, causedAt: item.receivedAt }],
      desk: { log: [entry(now, 'agent', item.agent ? `${item.agent}: ${item.text}` : item.text)] },
    };
    return { commit, jobs: [], simulator: [] };
  }
  if (session.desk) return { commit: host.base(), jobs: [], simulator: [] };
  const desk = { since: now, by: 'agent' as const, ...(item.queue ? { queue: item.queue } : {}), ...(item.reason ? { reason: item.reason } : {}), ...(item.agent ? { agent: item.agent } : {}) };
  const log = [entry(now, 'system', `taken over${item.agent ? ` by ${item.agent}` : ''}${item.reason ? `: ${item.reason}` : ''}`)];
  const taken = { ...session, desk };
  return {
    commit: { ...host.base(), session: taken, desk: { open: { since: now }, log } }, jobs: [], simulator: simulatorState(conv, taken),
    desk: [{ type: 'handoff.started', conversation: conv, desk, transcript: log, variables: session.snapshot.variables as Record<string, unknown> }],
  };
}
