/**
 * The result of I/O the worker performed for the engine (an HTTP or LLM answer) or a release of
 * the agent desk: stepped into the running session. A release closes the desk first.
 */
import type { EngineEvent } from '@parley/flow';
import { commitOnly, emptyCommit, emptyOutcome, type ProcessOutcome } from '../outcome';
import type { PostCommitEvent } from '../post-commit';
import { runStep } from '../run-step';
import type { SessionFlow } from '../session-flow';
import type { StoredSession } from '../../conversation';
import type { ItemContext, ItemOf } from './context';

export async function handleEngineResult(item: ItemOf<'engine'>, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, session, current } = cx;
  if (!session || !current) return emptyOutcome(env.ctx);
  if (item.event.type === 'handoff.released' && session.desk) return releaseDesk(cx, session, current, item.event);
  return runStep(env, cx.conv, session, current, item.event, { lane: session.lane ?? 0 });
}

/** The desk closes; a handoff node continues at its exit, a taken-over conversation where the bot was. */
async function releaseDesk(
  cx: ItemContext,
  session: StoredSession,
  current: SessionFlow,
  event: Extract<EngineEvent, { type: 'handoff.released' }>,
): Promise<ProcessOutcome> {
  const { desk: _closed, ...bot } = session;
  const released: PostCommitEvent = { type: 'handoff.released', conversation: cx.conv };
  if (session.snapshot.status === 'handoff') {
    const out = await runStep(cx.env, cx.conv, bot, current, event, { lane: session.lane ?? 0 });
    const closing = out.commit.desk?.open ? out.commit.desk : { close: true };
    return { ...out, commit: { ...out.commit, desk: closing }, events: [released, ...out.events] };
  }
  return commitOnly({ ...emptyCommit(cx.env.ctx), session: bot, desk: { close: true } }, [
    { type: 'session.held', conversation: cx.conv, session: bot },
    released,
  ]);
}
