/**
 * The worker's consent hooks: a message that is a STOP/START word or an opt-out quick reply is
 * recorded and consumed before the flow (or the agent desk) handles it; Meta's marketing
 * preference arrives as its own inbox item. Without a database nothing happens (the message goes
 * on to the flow as before).
 */
import type { Commit, ContactState } from '../conversation';
import type { ItemContext, ItemOf } from '../worker/handlers/context';
import { entry } from '../worker/desk';
import { commitOnly, emptyCommit, emptyOutcome, RetryLater, type ProcessOutcome } from '../worker/outcome';
import { applyConsentIntent, consentIntentOf, type AppliedConsent, type ConsentIntent } from './inbound';

/** The ledger must not lose an opt-out: while PostgreSQL does not answer, the item waits. */
const DB_RETRY_MS = 2000;

export async function consentFromMessage(item: ItemOf<'message'>, cx: ItemContext, contact: ContactState): Promise<ProcessOutcome | null> {
  const { ctx } = cx.env;
  if (!ctx.db || cx.channel === 'simulator') return null;
  const intent = await consentIntentOf(ctx, cx.tenant, item.message);
  if (!intent) return null;
  const applied = await apply(cx, intent, item.id, item.contact.name, item.receivedAt);
  if (!applied.consumed) return null;
  const commit: Commit = { ...emptyCommit(ctx), contact, outbound: applied.confirmation ? [applied.confirmation] : [] };
  if (cx.session?.desk) {
    // The agent sees what the person wrote and what the runtime did about it.
    const now = ctx.now();
    const what = intent.action === 'opt_out' ? 'opted out of marketing' : 'opted back in to marketing';
    commit.desk = {
      log: [
        entry(now, 'user', intent.wording),
        entry(now, 'system', applied.changed ? `The contact ${what}.` : `Consent unchanged (${what} already).`),
      ],
    };
  }
  return commitOnly(commit);
}

export async function handlePreference(item: ItemOf<'preference'>, cx: ItemContext): Promise<ProcessOutcome> {
  const { ctx } = cx.env;
  if (!ctx.db) return emptyOutcome(ctx);
  const intent: ConsentIntent = {
    action: item.value === 'stop' ? 'opt_out' : 'opt_in',
    source: 'meta',
    sourceDetail: { category: 'marketing_messages', value: item.value, ...(item.detail ? { detail: item.detail } : {}) },
    wording: item.detail ?? `WhatsApp: ${item.value} marketing messages`,
    at: item.at,
  };
  const applied = await apply(cx, intent, item.id, item.contact.name, item.receivedAt);
  return commitOnly({ ...emptyCommit(ctx), outbound: applied.confirmation ? [applied.confirmation] : [] });
}

async function apply(
  cx: ItemContext,
  intent: ConsentIntent,
  key: string,
  name: string | undefined,
  receivedAt: number,
): Promise<AppliedConsent> {
  const { ctx } = cx.env;
  try {
    return await applyConsentIntent(ctx, cx.conv, intent, { key, ...(name ? { name } : {}), causedAt: receivedAt });
  } catch (err) {
    ctx.log.warn({ conv: cx.conv, err: (err as Error).message }, 'consent not recorded yet: the database did not answer; retrying');
    throw new RetryLater(DB_RETRY_MS, 'the consent ledger is unavailable');
  }
}
