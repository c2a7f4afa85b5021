/**
 * Starts a new session of a chosen flow (a trigger matched, an event arrived, the simulator
 * restarted): the engine's `start` step, replacing whatever session the conversation had.
 */
import type { Contact, EngineEvent, Flow, InboundMessage } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { ChannelName, ContactInfo, ConversationId, Lane, StoredSession } from '../conversation';
import type { ProcessOutcome } from './outcome';
import { runStep, type StepEnv, type StepSession } from './run-step';
import type { ChosenFlow } from './triggers';

export interface SessionStart {
  chosen: ChosenFlow;
  contact: Omit<Contact, 'channel'>;
  channel: ChannelName;
  lane: Lane;
  causedAt: number;
  /** The session it replaces (finished or not). */
  previous?: StoredSession;
  /** A simulator session's unsaved flow (it runs as version 0). */
  draft?: Flow;
  /** The message that started the flow: its first step's input. */
  opening?: { message: InboundMessage; understanding: Understanding };
  /** A campaign started it: its sends are the campaign's (worker/handlers/campaign.ts). */
  campaign?: StoredSession['campaign'];
}

/** The engine's contact: the conversation's contact id with the name and phone the channel reported. */
export function engineContact(contactId: string, reported: Partial<ContactInfo> = {}): Omit<Contact, 'channel'> {
  return { id: contactId, ...(reported.name ? { name: reported.name } : {}), ...(reported.phone ? { phone: reported.phone } : {}) };
}

export async function startSession(env: StepEnv, conv: ConversationId, start: SessionStart): Promise<ProcessOutcome> {
  const { chosen, lane, opening, previous, draft } = start;
  const now = env.ctx.now();
  const seed: StepSession = {
    snapshot: null,
    startedAt: now,
    lane,
    ...(draft ? { draft } : {}),
    ...(start.campaign ? { campaign: start.campaign } : {}),
  };
  const event: EngineEvent = {
    type: 'start',
    contact: { ...start.contact, channel: start.channel },
    trigger: chosen.trigger,
    now,
    ...opening,
  };
  const flow = { flowId: chosen.flowId, version: chosen.version, flow: chosen.flow };
  const out = await runStep(env, conv, seed, flow, event, {
    lane,
    causedAt: start.causedAt,
    ...(opening ? { understanding: opening.understanding } : {}),
  });
  // A new session replaces the old one: its timers must not fire into the new one.
  if (previous?.timerKinds)
    for (const id of Object.keys(previous.timerKinds))
      if (!out.commit.timersSet.some((t) => t.timerId === id)) out.commit.timersCancel.push(id);
  // ...and a desk the old one had is closed (unless the new one opened its own).
  if (previous?.desk && !out.commit.desk?.open) out.commit.desk = { close: true };
  return out;
}
