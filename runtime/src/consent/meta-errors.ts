/**
 * Meta's word that a person stopped marketing messages from the business: a send failing with
 * 131050 ("user stopped marketing messages") is recorded as a marketing opt-out (source meta), so
 * the send plane suppresses the next ones instead of Meta refusing them. After the commit, off the
 * worker's path; a failure is logged, never thrown.
 */
import { contactKeyOf } from '../contacts/addresses';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import type { PostCommitSubscriber } from '../worker/post-commit';
import { ensureContactRef } from './contact-ref';
import { recordConsent } from './ledger';

const USER_STOPPED_MARKETING = 131050;

export function consentSubscriber(ctx: Pick<RuntimeContext, 'log'>, db: Sql): PostCommitSubscriber {
  return (event) => {
    if (event.type !== 'message.status' || !event.errorCodes?.includes(USER_STOPPED_MARKETING)) return;
    const key = contactKeyOf(event.conversation);
    if (!key) return;
    const record = async () => {
      const ref = await ensureContactRef(db, key, event.at);
      await recordConsent(db, {
        tenant: key.tenant,
        contactId: ref.id,
        purpose: 'marketing',
        action: 'opt_out',
        channel: key.channel,
        source: 'meta',
        sourceDetail: { code: USER_STOPPED_MARKETING, message: event.messageId },
        wording: 'WhatsApp: the person stopped marketing messages from this business',
        recordedBy: 'runtime',
        at: event.at,
      });
    };
    record().catch((err: Error) =>
      ctx.log.error({ conv: event.conversation, err: err.message }, 'an opt-out reported by Meta (131050) could not be recorded'),
    );
  };
}
