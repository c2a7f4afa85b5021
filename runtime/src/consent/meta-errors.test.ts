import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId } from '../conversation';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { waitFor } from '../testing/seed';
import { consentEvents } from './ledger';
import { consentSubscriber } from './meta-errors';

describe.each(TEST_DATABASES)('a send Meta refused with 131050, on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());

  it('records a marketing opt-out from Meta; other failures record nothing', async () => {
    const ctx = createTestContext(createMemoryStores(), { db: db.sql });
    const subscriber = consentSubscriber(ctx, db.sql);
    const conv = conversationId('demo', 'whatsapp', '16505550401');
    const state = { conv, key: 'offer-1', state: 'failed', updatedAt: 1 };
    const status = (errorCodes: number[], messageId: string) =>
      subscriber({ type: 'message.status', conversation: conv, messageId, status: 'failed', state, errorCodes, at: 1_700_000_000_000 });
    status([131049], 'wamid.a');
    status([131050], 'wamid.b');
    const id = await waitFor('the opt-out', async () => {
      const { rows } = await db.sql.query<{ contact_id: string }>(
        `SELECT s.contact_id FROM consent_state s JOIN contacts c ON c.tenant = s.tenant AND c.id = s.contact_id WHERE c.address = '+16505550401' AND s.status = 'opted_out'`,
      );
      return rows[0]?.contact_id;
    });
    const events = await consentEvents(db.sql, 'demo', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'opt_out',
      source: 'meta',
      sourceDetail: { code: 131050, message: 'wamid.b' },
      at: 1_700_000_000_000,
    });
  });
});
