import { afterAll, beforeEach, expect, it } from 'vitest';
import { computeSignature } from '@parley/channels';
import { waInbound, waStatus, waStatusWebhook, wa, wamid } from '../../../test/fake-graph/payloads';
import { buildServer } from '../app/server';
import type { RuntimeContext } from '../platform/context';
import { describeStores } from '../stores/contract/harness';
import { TEST_APP_SECRET, TEST_PHONE_NUMBER_ID, TEST_VERIFY_TOKEN, createTestContext } from '../testing/context';
import { asConversationId } from '../conversation';

function signed(payload: unknown): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) },
  };
}

describeStores('webhook ingress', (get) => {
  let ctx: RuntimeContext;
  let app: Awaited<ReturnType<typeof buildServer>>;
  beforeEach(async () => {
    ctx = createTestContext(get());
    app = await buildServer(ctx, { ingress: true });
  });
  afterAll(async () => app?.close());

  it('verifies, splits, dedupes and queues each message in its conversation', async () => {
    const id = wamid();
    const req = signed(waInbound('16505551234', wa.text('Größe? ✓'), { id }));
    const res = await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: req.body, headers: req.headers });
    expect(res.statusCode).toBe(200);
    const conv = asConversationId('demo:whatsapp:16505551234');
    expect(await ctx.stores.inbox.peek(conv)).toMatchObject({
      kind: 'message',
      id,
      message: { kind: 'text', text: 'Größe? ✓' },
      contact: { id: '16505551234', name: 'Sheena Nelson' },
    });
    const again = await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: req.body, headers: req.headers });
    expect(again.statusCode).toBe(200);
    expect(await ctx.stores.inbox.length(conv)).toBe(1);
  });

  it('checks the signature over the raw bytes, with Meta-style \\u escapes', async () => {
    const body = JSON.stringify(waInbound('16505551234', wa.text('äöå'))).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) };
    const res = await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers });
    expect(res.statusCode).toBe(200);
    expect(await ctx.stores.inbox.peek(asConversationId('demo:whatsapp:16505551234'))).toMatchObject({ message: { text: 'äöå' } });
  });

  it('answers 401 to a bad signature and queues nothing', async () => {
    const req = signed(waInbound('16505551234', wa.text('hi')));
    for (const sig of ['sha256=' + '0'.repeat(64), undefined, 'garbage']) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (sig) headers['x-hub-signature-256'] = sig;
      const res = await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: req.body, headers });
      expect(res.statusCode).toBe(401);
    }
    expect(await ctx.stores.inbox.readyCount()).toBe(0);
  });

  it('400 for signed non-JSON, 200 and a drop for a signed unknown shape, 404 for unknown channels', async () => {
    const junk = '{"entry": [';
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: junk,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(junk), TEST_APP_SECRET) },
    });
    expect(res.statusCode).toBe(400);
    const odd = signed({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { weird: true } }] }],
    });
    expect((await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: odd.body, headers: odd.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/webhooks/telegram', payload: odd.body, headers: odd.headers })).statusCode).toBe(404);
    expect(await ctx.stores.inbox.readyCount()).toBe(0);
  });

  it('drops messages for a phone number id no tenant owns', async () => {
    const req = signed(waInbound('16505551234', wa.text('hi'), { phoneNumberId: '999999999' }));
    expect((await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: req.body, headers: req.headers })).statusCode).toBe(200);
    expect(await ctx.stores.inbox.readyCount()).toBe(0);
  });

  it('queues statuses deduped by id + status', async () => {
    const id = wamid();
    const req = signed(
      waStatusWebhook(
        [
          waStatus(id, 'delivered', { recipientId: '16505551234' }),
          waStatus(id, 'delivered', { recipientId: '16505551234' }),
          waStatus(id, 'read', { recipientId: '16505551234' }),
        ],
        { phoneNumberId: TEST_PHONE_NUMBER_ID },
      ),
    );
    expect((await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: req.body, headers: req.headers })).statusCode).toBe(200);
    expect(await ctx.stores.inbox.length(asConversationId('demo:whatsapp:16505551234'))).toBe(2);
  });

  it('rejects bodies above the limit with 413', async () => {
    const big = 'x'.repeat(3_300_000);
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: big,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(big), TEST_APP_SECRET) },
    });
    expect(res.statusCode).toBe(413);
  });

  it('answers the verification handshake', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await app.inject({ method: 'GET', url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1' });
    expect(bad.statusCode).toBe(403);
  });
});
