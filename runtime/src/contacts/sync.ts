/**
 * Contact sync: a worker post-commit subscriber. Every message a person sends makes or refreshes
 * their contact (first/last seen, last inbound, profile name, language, time zone), and what a
 * flow saves to the contact (`set` node → `contact.<field>`) is written to it — in batches,
 * after the commit, never on the webhook's path. Previews (the simulator) are not contacts.
 */
import type { ContactChannel } from '@parley/contract';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import type { PostCommitEvent, PostCommitSubscriber } from '../worker/post-commit';
import { contactKeyOf, type ContactKey } from './addresses';
import { upsertSeen, type SeenContact } from './repository';
import { setContactFields, type ContactUpdate } from './update';
import { WriteQueue } from './write-queue';

interface PendingUpdate {
  key: ContactKey;
  update: ContactUpdate;
}

export interface ContactSync {
  subscriber: PostCommitSubscriber;
  /** Writes everything pending (tests, shutdown). */
  flush(): Promise<void>;
  readonly seen: WriteQueue<SeenContact>;
  readonly updates: WriteQueue<PendingUpdate>;
}

export function createContactSync(ctx: Pick<RuntimeContext, 'log' | 'now'>, db: Sql, opts: { intervalMs?: number } = {}): ContactSync {
  const log = ctx.log.child({ role: 'contact-sync' });
  /** Rows not yet written, by conversation: the step that follows the message tells the language. */
  const unwritten = new Map<string, SeenContact>();
  const seen = new WriteQueue<SeenContact>({
    name: 'contacts.seen',
    log,
    ...opts,
    write: async (batch) => {
      for (const row of batch) if (unwritten.get(keyOf(row)) === row) unwritten.delete(keyOf(row));
      await upsertSeen(db, batch, ctx.now());
    },
  });
  const updates = new WriteQueue<PendingUpdate>({
    name: 'contacts.updates',
    log,
    ...opts,
    write: async (batch) => {
      for (const { key, update } of mergeUpdates(batch)) {
        const { problems } = await setContactFields(db, key.tenant, key.channel, key.address, update, ctx.now());
        if (problems.length)
          log.warn({ tenant: key.tenant, channel: key.channel, problems }, 'a flow saved values the contact cannot take');
      }
    },
  });

  function onEvent(event: PostCommitEvent): void {
    if (event.type === 'message.received') {
      const key = contactKeyOf(event.conversation);
      if (!key) return;
      const row: SeenContact = { ...key, at: event.at, ...(event.contact.name ? { name: event.contact.name } : {}) };
      unwritten.set(keyOf(row), row);
      seen.push(row);
    } else if (event.type === 'engine.stepped') {
      const key = contactKeyOf(event.conversation);
      if (!key) return;
      const row = unwritten.get(keyOf(key));
      const language = personLanguage(event.understanding?.language, event.snapshot.language);
      if (row && !row.language && language) row.language = language;
      for (const update of event.contactUpdates ?? []) updates.push({ key, update });
    }
  }

  return {
    subscriber: (event) => {
      try {
        onEvent(event);
      } catch (err) {
        log.error({ err, event: event.type }, 'contact sync could not take an event');
      }
    },
    flush: async () => {
      await seen.flush();
      await updates.flush();
    },
    seen,
    updates,
  };
}

/**
 * The language the person wrote in, when understanding could tell (a short message often cannot):
 * spelled as the session spells it when the flow speaks it (pt_BR rather than pt). The session's
 * language alone is no evidence: it is the flow's default until the person writes otherwise.
 */
function personLanguage(detected: string | undefined, session: string | undefined): string | undefined {
  if (!detected) return undefined;
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  return session && base(session) === base(detected) ? session : detected;
}

function keyOf(key: { tenant: string; channel: ContactChannel; address: string }): string {
  return `${key.tenant}\n${key.channel}\n${key.address}`;
}

/** One write per contact and batch: later values win, fields merge. */
function mergeUpdates(batch: PendingUpdate[]): PendingUpdate[] {
  const merged = new Map<string, PendingUpdate>();
  for (const { key, update } of batch) {
    const prev = merged.get(keyOf(key));
    if (!prev) merged.set(keyOf(key), { key, update: { ...update, ...(update.fields ? { fields: { ...update.fields } } : {}) } });
    else {
      const fields = prev.update.fields || update.fields ? { ...prev.update.fields, ...update.fields } : undefined;
      prev.update = { ...prev.update, ...update, ...(fields ? { fields } : {}) };
    }
  }
  return [...merged.values()];
}
