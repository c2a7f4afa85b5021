import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSendRequests, classifyGraphError, classifyStatusErrors, parseWebhook, verifySignature } from '@parley/channels';
import { startFakeGraph, type FakeGraph } from './server';
import { buildSignedWebhook, metaJson } from './sign';
import { fb, wa } from './payloads';

const SECRET = 'fake-secret';
const TOKEN = 'test-token';
const PHONE_ID = '106540352242922';

/** A minimal webhook receiver standing in for the runtime: checks signatures over the raw bytes and parses. */
interface Received {
  raw: Buffer;
  signatureOk: boolean;
  body: unknown;
}
let receiver: Server;
let webhookUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signatureOk = verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, SECRET);
      received.push({ raw, signatureOk, body: JSON.parse(raw.toString('utf8')) });
      res.writeHead(signatureOk ? 200 : 401).end(signatureOk ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/whatsapp`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

let graph: FakeGraph;
afterEach(async () => {
  await graph?.close();
  received.length = 0;
});

async function send(
  body: unknown,
  opts: { token?: string; path?: string } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${graph.url}${opts.path ?? `/v21.0/${PHONE_ID}/messages`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token ?? TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const textTo = (to: string, body: string) =>
  buildSendRequests('whatsapp', to, { kind: 'text', text: body }, { senderId: PHONE_ID })[0]!.body;

describe('fake Graph API: sends', () => {
  it('accepts a valid send with a wamid and records it per recipient, in order', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const first = await send(textTo('16505551234', 'one'));
    await send(textTo('16505550000', 'other'));
    await send(textTo('+16505551234', 'two'));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }] });
    expect((first.json.messages as Array<{ id: string }>)[0]!.id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(graph.textsTo('16505551234')).toEqual(['one', 'two']);
    expect(graph.countsByRecipient()).toEqual(
      new Map([
        ['16505551234', 2],
        ['16505550000', 1],
      ]),
    );
    expect(graph.sent.map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('accepts every request the channels builders produce (buttons, paged lists, templates, Messenger)', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const options = Array.from({ length: 23 }, (_, i) => ({
      id: `opt-${i}`,
      title: `A rather long option title number ${i}`,
      description: 'd'.repeat(100),
    }));
    const requests = [
      ...buildSendRequests('whatsapp', '1555', { kind: 'choices', text: 'Pick', options: options.slice(0, 3) }, { senderId: PHONE_ID }),
      ...buildSendRequests(
        'whatsapp',
        '1555',
        { kind: 'choices', text: 'Pick', options },
        { senderId: PHONE_ID, header: 'Menu', footer: 'Shop' },
      ),
      ...buildSendRequests(
        'whatsapp',
        'US.1234',
        {
          kind: 'template',
          name: 'order_update',
          language: 'en_US',
          params: { header: ['https://x.test/h.png'], body: ['Pablo'], buttons: ['CANCEL'] },
        },
        { senderId: PHONE_ID },
      ),
      ...buildSendRequests('messenger', '5678', { kind: 'choices', text: 'Pick', options }, { senderId: '1234' }),
      ...buildSendRequests(
        'instagram',
        '5678',
        { kind: 'media', media: { type: 'image', url: 'https://x.test/a.png', caption: 'hi' } },
        {},
      ),
    ];
    for (const r of requests) {
      const res = await send(r.body, { path: `/v21.0${r.path}` });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    expect(graph.sent).toHaveLength(requests.length);
    expect(graph.sendsTo('US.1234')).toHaveLength(1);
  });

  it("rejects a bad token with Meta's 190 error, and a malformed body with 100 and the field", async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const auth = await send(textTo('1', 'x'), { token: 'wrong' });
    expect(auth.status).toBe(401);
    expect(classifyGraphError({ httpStatus: auth.status, body: auth.json })).toMatchObject({
      kind: 'auth',
      action: 'pause_tenant',
      code: 190,
    });

    const bad = await send({
      messaging_product: 'whatsapp',
      to: '1',
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [1, 2, 3, 4] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: { code: 100, error_data: { details: 'interactive.action.buttons: expected 1 to 3 buttons' } },
    });
    const tooLong = await send({ messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'x'.repeat(4097) } });
    expect(tooLong.json).toMatchObject({ error: { error_data: { details: 'text.body: must be at most 4096 characters, got 4097' } } });
    expect(graph.sent).toHaveLength(0);
    expect(graph.requests).toHaveLength(3);
  });

  it.each([
    ['rate_limit', {}, 400, 130429, 'retryable'],
    ['rate_limit', { code: 131056 }, 400, 131056, 'retryable'],
    ['rate_limit', { code: 4 }, 429, 4, 'retryable'],
    ['window_closed', {}, 400, 131047, 'window_closed'],
    ['token_expired', {}, 401, 190, 'auth'],
    ['5xx', {}, 500, 131000, 'retryable'],
    ['5xx', { code: 131016 }, 503, 131016, 'retryable'],
  ] as const)('failNext(%s %o) answers %i with code %i, classified %s', async (kind, opts, status, code, classKind) => {
    graph = await startFakeGraph({ appSecret: SECRET });
    graph.failNext(1, kind, opts);
    const failed = await send(textTo('1', 'x'));
    expect(failed.status).toBe(status);
    expect(failed.json).toMatchObject({
      error: { code, type: 'OAuthException', message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)) },
    });
    const headers = Object.fromEntries(failed.headers);
    expect(classifyGraphError({ httpStatus: failed.status, body: failed.json, headers })).toMatchObject({ kind: classKind, code });
    // Only the next n requests fail.
    expect((await send(textTo('1', 'y'))).status).toBe(200);
    expect(graph.textsTo('1')).toEqual(['y']);
  });

  it.each([
    ['rate_limit', 400, 613, undefined, 'retryable'],
    ['window_closed', 400, 10, 2018278, 'window_closed'],
    ['token_expired', 401, 190, 463, 'auth'],
    ['5xx', 500, 2, undefined, 'retryable'],
  ] as const)('Messenger failNext(%s) answers %i with code %i/%s, classified %s', async (kind, status, code, subcode, classKind) => {
    graph = await startFakeGraph({ appSecret: SECRET });
    graph.failNext(1, kind);
    const [req] = buildSendRequests('messenger', '5678', { kind: 'text', text: 'x' }, { senderId: 'PAGE' });
    const failed = await send(req!.body, { path: `/v21.0${req!.path}` });
    expect(failed.status).toBe(status);
    expect(classifyGraphError({ httpStatus: failed.status, body: failed.json })).toMatchObject({
      kind: classKind,
      code,
      ...(subcode ? { subcode } : {}),
    });
  });

  it('adds latency on demand, per request or globally', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    graph.failNext(1, 'latency', { ms: 120 });
    let t = performance.now();
    expect((await send(textTo('1', 'slow'))).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(110);
    graph.setLatency(60);
    t = performance.now();
    await send(textTo('1', 'also slow'));
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
  });

  it('drops the connection on demand (a network error for the client)', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    graph.failNext(1, 'drop');
    await expect(send(textTo('1', 'x'))).rejects.toThrow();
    expect(graph.sent).toHaveLength(0);
  });

  it('reports duplicate idempotency keys per recipient', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const withKey = (key: string) =>
      buildSendRequests('whatsapp', '1', { kind: 'text', text: 'x' }, { senderId: PHONE_ID, bizOpaqueCallbackData: key })[0]!.body;
    await send(withKey('k1'));
    await send(withKey('k2'));
    expect(graph.duplicateKeys()).toEqual([]);
    await send(withKey('k1'));
    expect(graph.duplicateKeys()).toEqual([{ recipient: '1', key: 'k1', count: 2 }]);
  });

  it('answers unknown paths like Graph does', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const res = await send({}, { path: '/v21.0/123/nothing' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 2500 } });
  });
});

describe('fake Graph API: webhooks to the runtime', () => {
  it('posts signed inbound messages with non-ASCII escaped like Meta, signature over those bytes', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl });
    const delivery = await graph.postInbound('16505551234', 'Grüße äöå 👍');
    expect(delivery.status).toBe(200);
    const got = received[0]!;
    expect(got.signatureOk).toBe(true);
    const text = got.raw.toString('utf8');
    expect(text).toContain('Gr\\u00fc\\u00dfe \\u00e4\\u00f6\\u00e5 \\ud83d\\udc4d');
    expect(/[\u0080-\uffff]/.test(text)).toBe(false);
    // Re-serialising the parsed body (the classic bug) breaks the signature.
    expect(verifySignature(Buffer.from(JSON.stringify(got.body)), buildSignedWebhook(got.body, SECRET).signature, SECRET)).toBe(false);
    const parsed = parseWebhook(got.body);
    expect(parsed.messages[0]).toMatchObject({
      id: delivery.messageId,
      message: { kind: 'text', text: 'Grüße äöå 👍' },
      tenantKey: PHONE_ID,
    });
  });

  it('posts any inbound type from the factories, and status updates', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl });
    await graph.postInbound('16505551234', wa.listReply('opt-3', 'Third'));
    await graph.postStatus('wamid.abc', 'failed', [{ code: 131047, title: 'Re-engagement message' }]);
    const [inbound, status] = received.map((r) => parseWebhook(r.body));
    expect(inbound!.messages[0]!.message).toEqual({ kind: 'list', choiceId: 'opt-3', text: 'Third' });
    expect(status!.statuses[0]).toMatchObject({ messageId: 'wamid.abc', status: 'failed' });
    expect(classifyStatusErrors(status!.statuses[0]!.errors)).toMatchObject({ kind: 'window_closed', action: 'use_template' });
  });

  it('can post with a forged signature (the receiver must refuse it)', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl });
    const res = await graph.postWebhook({ object: 'whatsapp_business_account', entry: [] }, { signature: 'sha256=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
  });

  it('auto-posts sent/delivered/read statuses for accepted sends, and async window-closed failures', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl, autoStatuses: ['sent', 'delivered', 'read'], statusDelayMs: 1 });
    const ok = await send(textTo('16505551234', 'hello'));
    graph.failNext(1, 'window_closed', { async: true });
    const late = await send(textTo('16505551234', 'too late'));
    expect(late.status).toBe(200);
    await graph.idle();
    const statuses = received.flatMap((r) => parseWebhook(r.body).statuses);
    const okId = (ok.json.messages as Array<{ id: string }>)[0]!.id;
    const lateId = (late.json.messages as Array<{ id: string }>)[0]!.id;
    expect(statuses.filter((s) => s.messageId === okId).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses.filter((s) => s.messageId === lateId)).toMatchObject([
      { status: 'failed', recipientId: '16505551234', errors: [{ code: 131047 }] },
    ]);
  });
});

describe('fake Graph API: waiting and Messenger webhooks', () => {
  it('waitForSends resolves when the sends arrive and times out with the counts', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const waiting = graph.waitForSends('1', 2, 2000);
    await send(textTo('1', 'a'));
    await send(textTo('2', 'other'));
    await send(textTo('1', 'b'));
    expect((await waiting).map((r) => r.seq)).toEqual([1, 3]);
    await expect(graph.waitForSends('1', 3, 50)).rejects.toThrow(
      'timed out after 50 ms waiting for 3 sends to 1; accepted sends per recipient: {"1":2,"2":1}',
    );
  });

  it('posts signed Messenger webhooks to another route', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl });
    const res = await graph.postMessenger('5678', [fb.quickReply('Rojo ✔', 'PICK_RED')], {
      url: webhookUrl.replace('whatsapp', 'messenger'),
    });
    expect(res.status).toBe(200);
    expect(received[0]!.signatureOk).toBe(true);
    expect(parseWebhook(received[0]!.body, { channelHint: 'messenger' }).messages[0]!.message).toEqual({
      kind: 'button',
      choiceId: 'PICK_RED',
      text: 'Rojo ✔',
    });
  });
});

describe('metaJson', () => {
  it('escapes every non-ASCII code unit with lowercase hex and optionally slashes', () => {
    expect(metaJson({ a: 'é/😀' })).toBe('{"a":"\\u00e9/\\ud83d\\ude00"}');
    expect(metaJson({ a: 'a/b' }, { escapeSlashes: true })).toBe('{"a":"a\\/b"}');
    expect(JSON.parse(metaJson({ a: 'é/😀' }))).toEqual({ a: 'é/😀' });
  });
});
