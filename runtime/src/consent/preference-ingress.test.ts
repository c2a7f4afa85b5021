/** Meta's user_preferences webhook at ingress: queued in the person's conversation (no database touched), deduped. */
import { computeSignature } from '@parley/channels';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../app/server';
import { asConversationId } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import { createMemoryStores } from '../stores';
import { TEST_APP_SECRET, TEST_PHONE_NUMBER_ID, createTestContext } from '../testing/context';

const preference = (value: string, timestamp: number) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'user_preferences',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: TEST_PHONE_NUMBER_ID },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            user_preferences: [
              {
                wa_id: '16505551234',
                detail: 'User requested to stop marketing messages',
                category: 'marketing_messages',
                value,
                timestamp,
              },
            ],
          },
        },
      ],
    },
  ],
});

describe('marketing preference webhooks', () => {
  let ctx: RuntimeContext;
  let app: Awaited<ReturnType<typeof buildServer>>;
  beforeEach(async () => {
    ctx = createTestContext(createMemoryStores());
    app = await buildServer(ctx, { ingress: true });
  });
  afterAll(async () => app?.close());

  const post = (payload: unknown) => {
    const body = JSON.stringify(payload);
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) };
    return app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers });
  };

  it('queues the preference as an inbox item of the conversation, once', async () => {
    const res = await post(preference('stop', 1731705721));
    expect(res.statusCode).toBe(200);
    const conv = asConversationId('demo:whatsapp:16505551234');
    expect(await ctx.stores.inbox.peek(conv)).toMatchObject({
      kind: 'preference',
      value: 'stop',
      at: 1731705721000,
      detail: 'User requested to stop marketing messages',
      contact: { id: '16505551234', name: 'Sheena Nelson' },
      via: TEST_PHONE_NUMBER_ID,
    });
    expect((await post(preference('stop', 1731705721))).statusCode).toBe(200);
    expect(await ctx.stores.inbox.length(conv)).toBe(1);
  });

  it('ignores a category it does not handle (answered 200, nothing queued)', async () => {
    const payload = preference('stop', 1731705721);
    payload.entry[0]!.changes[0]!.value.user_preferences[0]!.category = 'offers';
    expect((await post(payload)).statusCode).toBe(200);
    expect(await ctx.stores.inbox.length(asConversationId('demo:whatsapp:16505551234'))).toBe(0);
  });
});
