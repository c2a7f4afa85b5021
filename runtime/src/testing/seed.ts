/** Test helpers that write through the public store API (no backdoors into either implementation). */
import type { ContactState, ConversationId } from '../conversation';
import type { Stores } from '../stores';

/** Records a contact's state (last inbound time, via) the way a worker commit does. */
export async function seedContact(stores: Stores, conv: ConversationId, contact: ContactState): Promise<void> {
  await stores.inbox.append(conv, { kind: 'control', action: 'restart', receivedAt: 0 });
  let claim = await stores.inbox.claim(Date.now(), 30_000);
  for (let i = 0; i < 50 && claim && claim.conv !== conv; i++) {
    await stores.inbox.release(claim, Date.now(), 0);
    claim = await stores.inbox.claim(Date.now(), 30_000);
  }
  if (!claim || claim.conv !== conv) throw new Error(`could not claim ${conv} to seed it`);
  await stores.conversations.commit(
    claim,
    { popInbox: true, outbound: [], timersSet: [], timersCancel: [], counters: [], contact, sessionTtlSec: 3600 },
    Date.now(),
  );
  await stores.inbox.release(claim, Date.now(), 0);
}

export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000, everyMs = 10): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
