/**
 * A user's message: to the agent desk while a person has the conversation, kept for later while
 * the bot waits for a request, else understood and stepped — or, with no running session, it
 * starts the flow a trigger (or the default flow) chooses.
 */
import { isUserEvent } from '@parley/flow';
import { consentFromMessage } from '../../consent/worker-hook';
import { isPreview } from '../../simulator/preview';
import type { Commit, ContactState, StoredSession } from '../../conversation';
import { describeInbound, entry } from '../desk';
import { commitOnly, emptyCommit, RetryLater, type ProcessOutcome } from '../outcome';
import { runStep } from '../run-step';
import { engineContact, startSession } from '../start-session';
import { chooseFlowForMessage } from '../triggers';
import type { ItemContext, ItemOf } from './context';

type MessageItem = ItemOf<'message'>;

/** Messages kept while a request is in flight; beyond this the engine sees them (and drops what it cannot use). */
const MAX_DEFERRED = 20;

export async function handleMessage(item: MessageItem, cx: ItemContext): Promise<ProcessOutcome> {
  const out = await routeMessage(item, cx);
  // First, so the contact exists before anything recorded about this message (activity) refers to it.
  out.events.unshift({
    type: 'message.received',
    conversation: cx.conv,
    contact: item.contact,
    ...(item.via ? { via: item.via } : {}),
    message: item.message,
    at: item.sentAt ?? item.receivedAt,
    ...(cx.session?.campaign ? { campaign: cx.session.campaign } : {}),
  });
  return out;
}

async function routeMessage(item: MessageItem, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv, session, current } = cx;
  const { ctx, nlu } = env;
  const now = ctx.now();
  const contact = contactState(item);
  // STOP/START words and opt-out buttons are the runtime's, whatever has the conversation (flow or desk).
  const consent = await consentFromMessage(item, cx, contact);
  if (consent) return consent;
  if (session?.desk) return toDesk(cx, session, item, contact);
  if (session && current) {
    // The bot is waiting for an HTTP/LLM answer: keep the message for when it is in (the engine would drop it).
    if (session.jobs && (session.deferred?.length ?? 0) < MAX_DEFERRED) {
      const kept: StoredSession = { ...session, deferred: [...(session.deferred ?? []), item] };
      return commitOnly({ ...emptyCommit(ctx), contact, session: kept }, [{ type: 'session.held', conversation: conv, session }]);
    }
    // A reaction, edit, revoke or system notice is no reply: the engine leaves the wait as it is (nothing to understand).
    const understanding = isUserEvent(item.message)
      ? undefined
      : await nlu.understand(`${current.flowId}@${current.version}`, current.flow, item.message, session.snapshot, session.subflows, {
          preview: isPreview(conv),
        });
    if (understanding?.llmUnavailable) await holdForLlm(cx, item);
    const out = await runStep(
      env,
      conv,
      session,
      current,
      { type: 'message', message: item.message, ...(understanding ? { understanding } : {}), now },
      {
        lane: 0,
        causedAt: item.receivedAt,
        ...(understanding ? { understanding } : {}),
      },
    );
    out.commit.contact = contact;
    return out;
  }
  if (isUserEvent(item.message)) {
    ctx.log.info({ conv, kind: item.message.kind }, 'event dropped: a reaction, edit, revoke or system notice does not start a flow');
    return commitOnly({ ...emptyCommit(ctx), contact });
  }
  const chosen = cx.channel === 'simulator' ? null : await chooseFlowForMessage(ctx, nlu, cx.tenant, item.message);
  if (!chosen) {
    ctx.log.info({ conv }, 'message dropped: no active session, no trigger matched and no default flow');
    return commitOnly({ ...emptyCommit(ctx), contact });
  }
  // The message that started the flow is its first step's input (understood with the chosen flow).
  const understanding =
    chosen.understanding ?? (await nlu.understand(`${chosen.flowId}@${chosen.version}`, chosen.flow, item.message, null));
  const out = await startSession(env, conv, {
    chosen,
    contact: engineContact(cx.contactId, item.contact),
    channel: cx.channel,
    lane: 0,
    causedAt: item.receivedAt,
    opening: { message: item.message, understanding },
  });
  out.commit.contact = contact;
  return out;
}

/** What the contact's record learns from the message: when they last wrote, and from where. */
function contactState(item: MessageItem): ContactState {
  return {
    lastInboundAt: item.sentAt ?? item.receivedAt,
    ...(item.contact.name ? { name: item.contact.name } : {}),
    ...(item.contact.phone ? { phone: item.contact.phone } : {}),
    ...(item.via ? { via: item.via } : {}),
  };
}

/** A person has the conversation: the message goes to the desk transcript and the helpdesk, not to the bot. */
function toDesk(cx: ItemContext, session: StoredSession, item: MessageItem, contact: ContactState): ProcessOutcome {
  const text = describeInbound(item.message);
  const commit: Commit = { ...emptyCommit(cx.env.ctx), contact, desk: { log: [entry(cx.env.ctx.now(), 'user', text)] } };
  return commitOnly(commit, [
    { type: 'session.held', conversation: cx.conv, session },
    { type: 'handoff.message', conversation: cx.conv, text, message: item.message },
  ]);
}

/**
 * The LLM tier was needed but is down: send the configured holding message (once — its key is
 * per message, and the sender never sends a key twice) and retry the message later; after
 * `llm.retryForMs` the best tier-1-3 answer is used instead.
 */
async function holdForLlm(cx: ItemContext, item: MessageItem): Promise<void> {
  const { ctx } = cx.env;
  const cfg = ctx.config.llm;
  if (!cfg || ctx.now() - item.receivedAt >= cfg.retryForMs) return;
  if (cfg.holdingMessage) {
    await ctx.stores.outbox.enqueue(
      cx.conv,
      {
        key: `hold:${item.id}`,
        nodeId: '',
        lane: 0,
        attempts: 0,
        createdAt: ctx.now(),
        message: { kind: 'text', text: cfg.holdingMessage },
      },
      ctx.now(),
    );
  }
  throw new RetryLater(Math.max(100, Math.min(15_000, Math.floor(cfg.retryForMs / 4))), 'the LLM tier is unavailable');
}
