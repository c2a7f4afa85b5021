/**
 * Controls: the simulator's "restart" and "time out now", and the agent desk's reply and
 * takeover (an agent's message goes out through the same outbox as the bot's).
 */
import type { TimerKind } from '@parley/flow';
import type { Commit, StoredSession } from '../../conversation';
import { entry } from '../desk';
import { isJobTimer } from '../job-recovery';
import { commitOnly, emptyCommit, emptyOutcome, type ProcessOutcome } from '../outcome';
import { runStep } from '../run-step';
import { engineContact, startSession } from '../start-session';
import type { ItemContext, ItemOf } from './context';

type ControlItem = ItemOf<'control'>;
type DeskControl = Extract<ControlItem, { action: 'agent-message' | 'takeover' }>;
type SimulatorControl = Extract<ControlItem, { action: 'restart' | 'fire-wait-timer' }>;

/** The simulator's "time out now" fires the wait's own timer before any other. */
const TIMER_ORDER: TimerKind[] = ['ask_timeout', 'wait', 'soft_timeout', 'expire'];

export async function handleControl(item: ControlItem, cx: ItemContext): Promise<ProcessOutcome> {
  if (item.action === 'agent-message' || item.action === 'takeover') return deskControl(item, cx);
  if (item.action === 'fire-wait-timer') return fireWaitTimer(cx);
  return restart(item, cx);
}

async function fireWaitTimer(cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv, session, current, state } = cx;
  if (!session || !current) return emptyOutcome(env.ctx);
  const kinds = session.timerKinds ?? {};
  const rank = (id: string): number => TIMER_ORDER.indexOf(kinds[id] ?? 'expire');
  const timerId = Object.keys(state.timers)
    .filter((id) => !isJobTimer(id))
    .sort((a, b) => rank(a) - rank(b))[0];
  if (!timerId) return emptyOutcome(env.ctx, [{ type: 'control.refused', conversation: conv, reason: 'no timer is pending' }]);
  const out = await runStep(
    env,
    conv,
    session,
    current,
    { type: 'timer.fired', timerId, sprint: state.timers[timerId]!, now: env.ctx.now() },
    { lane: 0 },
  );
  if (!out.commit.timersCancel.includes(timerId)) out.commit.timersCancel.push(timerId);
  return out;
}

/** The same flow (or its draft) from the start, as a fresh session. */
async function restart(item: SimulatorControl, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv, session, state } = cx;
  const flowId = item.flowId ?? session?.snapshot.flowId ?? state.session?.snapshot.flowId;
  const draft = item.draft ?? (session ?? state.session)?.draft;
  if (!flowId) return emptyOutcome(env.ctx);
  const live = draft ? { flow: draft, version: 0 } : await env.ctx.flows.live(flowId);
  if (!live)
    return emptyOutcome(env.ctx, [{ type: 'control.refused', conversation: conv, reason: `flow ${flowId} has no published version` }]);
  return startSession(env, conv, {
    chosen: { flowId, flow: live.flow, version: live.version, trigger: { kind: 'manual' } },
    contact: engineContact(cx.contactId),
    channel: cx.channel,
    lane: 0,
    causedAt: item.receivedAt,
    ...(state.session ? { previous: state.session } : {}),
    ...(draft ? { draft } : {}),
  });
}

function deskControl(item: DeskControl, cx: ItemContext): ProcessOutcome {
  const {
    env: { ctx },
    conv,
    session,
  } = cx;
  const now = ctx.now();
  if (!session) {
    ctx.log.warn({ conv, action: item.action }, 'agent desk action dropped: the conversation has no active session');
    return emptyOutcome(ctx);
  }
  if (item.action === 'agent-message') {
    if (!session.desk) {
      ctx.log.warn({ conv }, 'agent message dropped: nobody has taken the conversation over');
      return emptyOutcome(ctx);
    }
    const commit: Commit = {
      ...emptyCommit(ctx),
      outbound: [
        {
          key: `agent:${item.id}`,
          nodeId: 'agent',
          lane: 0,
          message: item.template ?? { kind: 'text', text: item.text },
          attempts: 0,
          createdAt: now,
          causedAt: item.receivedAt,
        },
      ],
      desk: { log: [entry(now, 'agent', item.agent ? `${item.agent}: ${item.text}` : item.text)] },
    };
    return commitOnly(commit);
  }
  if (session.desk) return emptyOutcome(ctx);
  const desk = {
    since: now,
    by: 'agent' as const,
    ...(item.queue ? { queue: item.queue } : {}),
    ...(item.reason ? { reason: item.reason } : {}),
    ...(item.agent ? { agent: item.agent } : {}),
  };
  const log = [entry(now, 'system', `taken over${item.agent ? ` by ${item.agent}` : ''}${item.reason ? `: ${item.reason}` : ''}`)];
  const taken: StoredSession = { ...session, desk };
  return commitOnly({ ...emptyCommit(ctx), session: taken, desk: { open: { since: now }, log } }, [
    { type: 'session.held', conversation: conv, session: taken },
    { type: 'handoff.started', conversation: conv, desk, transcript: log, variables: session.snapshot.variables },
  ]);
}
