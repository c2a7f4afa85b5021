/**
 * A graceful stop writes what the batched record writers still hold: a contact seen just before
 * the stop is in the database when `flushRecordWriters` returns, not 200 ms later (or never, when
 * the process exits first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId } from '../conversation';
import { findContact } from '../contacts/repository';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { defaultSubscribers, flushRecordWriters } from './subscribers';

describe.each(TEST_DATABASES)('record writers at a graceful stop, on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());

  it('writes the contacts the sync still holds', async () => {
    const ctx = createTestContext(createMemoryStores(), { db: db.sql });
    const subscribers = defaultSubscribers(ctx);
    const at = Date.now();
    for (const subscriber of subscribers)
      subscriber({
        type: 'message.received',
        conversation: conversationId('demo', 'whatsapp', '5511987654321'),
        contact: { id: '5511987654321', name: 'Bia', phone: '+5511987654321' },
        message: { kind: 'text', text: 'oi' },
        at,
      });
    expect(await findContact(db.sql, 'demo', 'whatsapp', '+5511987654321')).toBeNull();
    await flushRecordWriters(ctx);
    expect(await findContact(db.sql, 'demo', 'whatsapp', '+5511987654321')).toMatchObject({ name: 'Bia', lastInboundAt: at });
  });
});
