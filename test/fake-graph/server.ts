/**
 * A fake Meta Graph API: a real HTTP server that accepts sends the way Meta
 * does (bearer token, body validation, `wamid.` ids, Meta's error JSON),
 * fails on demand, and posts signed inbound and status webhooks to the
 * runtime. Every request is recorded so tests can assert "each message sent
 * once, in order" per recipient.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { graphError, injectedFailure, type GraphErrorResponse } from './errors';
import { OBJECT_PATH, readObject } from './objects';
import { buildSignedWebhook } from './sign';
import { countsOf, readBody, recipientOfBody, textOf } from './recording';
import type { FakeGraph, FakeGraphOptions, PostWebhookOptions, QueuedFailure, RecordedRequest, WebhookDelivery } from './types';
import { validateMessengerSend, validateWhatsAppSend } from './validate';
import { messengerWebhook, wa, waInbound, waStatus, waStatusWebhook, wamid, type Json, type WaStatus } from './payloads';
import { createFakeTemplates } from './templates';

export type { FakeGraph, FakeGraphOptions } from './types';

const SEND_PATH = /^\/v\d+\.\d+\/([^/]+)\/messages$/;

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  let token = options.accessToken ?? 'test-token';
  let latencyMs = 0;
  let seq = 0;
  const failures: QueuedFailure[] = [];
  const requests: RecordedRequest[] = [];
  const sent: RecordedRequest[] = [];
  const webhooks: WebhookDelivery[] = [];
  const pending = new Set<Promise<unknown>>();
  const recipientOf = new Map<string, string>();
  /** Meta echoes a send's biz_opaque_callback_data in its status webhooks. */
  const callbackOf = new Map<string, string>();
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const check of [...waiters]) check();
  };
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };

  let baseUrl = '';
  // Meta's template management and review (templates/): endpoints, switches, send-time checks.
  const templates = createFakeTemplates({
    options,
    token: () => token,
    baseUrl: () => baseUrl,
    post: (payload) => track(postWebhook(payload, { kind: 'template' })),
    track,
  });

  async function postWebhook(payload: unknown, opts: PostWebhookOptions = {}): Promise<WebhookDelivery> {
    const target = opts.url ?? options.webhookUrl;
    if (!target) throw new Error('startFakeGraph: webhookUrl is not set, cannot post webhooks');
    const signed = buildSignedWebhook(payload, options.appSecret, options.json);
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': opts.signature ?? signed.signature },
      body: new Uint8Array(signed.body),
      // A hung receiver must not hang close() (which waits for pending posts).
      signal: AbortSignal.timeout(10_000),
    });
    const delivery: WebhookDelivery = { kind: opts.kind ?? 'raw', status: res.status, responseBody: await res.text() };
    webhooks.push(delivery);
    return delivery;
  }

  function postStatus(
    messageId: string,
    status: WaStatus,
    errors?: Array<{ code: number; title?: string; details?: string }>,
  ): Promise<WebhookDelivery> {
    const recipientId = recipientOf.get(messageId);
    const bizOpaqueCallbackData = callbackOf.get(messageId);
    const payload = waStatusWebhook([
      waStatus(messageId, status, {
        ...(recipientId ? { recipientId } : {}),
        ...(bizOpaqueCallbackData ? { bizOpaqueCallbackData } : {}),
        ...(errors ? { errors } : {}),
      }),
    ]);
    return track(postWebhook(payload, { kind: 'status' }));
  }

  function scheduleStatuses(
    messageId: string,
    statuses: WaStatus[],
    errors?: Array<{ code: number; title?: string; details?: string }>,
  ): void {
    if (!options.webhookUrl || statuses.length === 0) return;
    const delay = options.statusDelayMs ?? 5;
    track(
      (async () => {
        for (const status of statuses) {
          await new Promise((r) => setTimeout(r, delay));
          await postStatus(messageId, status, status === 'failed' ? errors : undefined).catch(() => undefined);
        }
      })(),
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-graph');
    const raw = await readBody(req);
    const record: RecordedRequest = {
      seq: ++seq,
      receivedAt: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      channel: 'unknown',
      body: undefined,
      response: { status: 0, body: null },
      accepted: false,
    };
    requests.push(record);
    const reply = async (status: number, body: unknown, headers: Record<string, string> = {}, extraDelay = 0): Promise<void> => {
      record.response = { status, body };
      const wait = latencyMs + extraDelay;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const error = (e: GraphErrorResponse, extraDelay = 0): Promise<void> => reply(e.status, e.body, e.headers, extraDelay);

    const managed = templates.handle({ method: record.method, url, headers: req.headers, raw });
    if (managed) {
      record.body = bodyForRecord(raw);
      return reply(managed.status, managed.body, managed.headers);
    }
    const object = req.method === 'GET' ? OBJECT_PATH.exec(url.pathname) : null;
    if (object) {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('access_token');
      const answer = readObject(decodeURIComponent(object[1] as string), bearer, token, options.knownIds);
      return reply(answer.status, answer.body, answer.headers);
    }
    const match = SEND_PATH.exec(url.pathname);
    if (req.method !== 'POST' || !match) return error(graphError(2500, 400, `Unknown path components: ${url.pathname}`));
    record.senderId = decodeURIComponent(match[1] as string);
    if (raw === null) return error(graphError(100, 413, 'Request body too large'));
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return error(graphError(100, 400, 'Request body is not valid JSON'));
    }
    record.body = body;
    const isWhatsApp = typeof body === 'object' && body !== null && (body as Json).messaging_product === 'whatsapp';
    record.channel = isWhatsApp ? 'whatsapp' : 'messenger';
    record.recipient = recipientOfBody(body);

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('access_token');
    if (bearer !== token) return error(injectedFailure('token_expired', {}, isWhatsApp ? 'whatsapp' : 'messenger'));

    const problem = isWhatsApp ? validateWhatsAppSend(body) : validateMessengerSend(body);
    if (problem) return error(graphError(100, 400, problem));
    const template = isWhatsApp && (body as Json).type === 'template' ? templates.checkSend((body as Json).template as Json) : null;
    if (template) return error(template);

    const failure = failures.shift();
    let extraDelay = 0;
    let asyncFailure = false;
    if (failure) {
      if (failure.kind === 'drop') {
        record.response = { status: 0, body: 'connection dropped' };
        req.socket.destroy();
        return;
      }
      if (failure.kind === 'latency') extraDelay = failure.opts.ms ?? 1000;
      else if (failure.kind === 'window_closed' && failure.opts.async) asyncFailure = true;
      else return error(injectedFailure(failure.kind, failure.opts, isWhatsApp ? 'whatsapp' : 'messenger'), failure.opts.ms ?? 0);
    }

    const isReadReceipt = isWhatsApp && (body as Json).status === 'read';
    if (isReadReceipt) return reply(200, { success: true }, {}, extraDelay);
    record.accepted = true;
    sent.push(record);
    if (record.recipient) {
      const list = byRecipient.get(record.recipient) ?? [];
      list.push(record);
      byRecipient.set(record.recipient, list);
    }
    notify();
    if (isWhatsApp) {
      const id = wamid();
      record.messageId = id;
      if (record.recipient) recipientOf.set(id, record.recipient);
      const callback = (body as Json).biz_opaque_callback_data;
      if (typeof callback === 'string') callbackOf.set(id, callback);
      await reply(
        200,
        {
          messaging_product: 'whatsapp',
          contacts: [{ input: record.recipient, wa_id: (record.recipient ?? '').replace(/^\+/, '') }],
          messages: [{ id, ...((body as Json).type === 'template' ? { message_status: 'accepted' } : {}) }],
        },
        {},
        extraDelay,
      );
      if (asyncFailure)
        scheduleStatuses(
          id,
          ['failed'],
          [
            {
              code: 131047,
              title: 'Re-engagement message',
              details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
            },
          ],
        );
      else scheduleStatuses(id, options.autoStatuses ?? []);
      return;
    }
    const mid = 'm_' + randomBytes(24).toString('base64url');
    record.messageId = mid;
    return reply(200, { recipient_id: record.recipient, message_id: mid }, {}, extraDelay);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(graphError(1, 500, String(err)).body));
      }
    });
  });
  // Keep Node's default keep-alive (5 s): undici closes sockets whose advertised
  // timeout is ≤1 s, which would force a new connection per send. close()
  // ends idle sockets itself.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.address}:${address.port}`;

  // Per-recipient index so waiters stay O(1) per send during long benchmark runs.
  const byRecipient = new Map<string, RecordedRequest[]>();
  const accepted = (recipient: string): RecordedRequest[] => [...(byRecipient.get(recipient.replace(/^\+/, '')) ?? [])];

  function waitFor(predicate: (sent: RecordedRequest[]) => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(sent)) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const counts = JSON.stringify(Object.fromEntries(countsOf(sent)));
        reject(new Error(`fake Graph API: timed out after ${timeoutMs} ms waiting for ${what}; accepted sends per recipient: ${counts}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    ...templates.api,
    clearTemplates: () => templates.reset(),
    url: baseUrl,
    sent,
    requests,
    webhooks,
    failNext(n, kind, opts = {}) {
      for (let i = 0; i < n; i++) failures.push({ kind, opts });
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    setAccessToken(next) {
      token = next;
    },
    sendsTo: accepted,
    textsTo: (recipient) => accepted(recipient).map((r) => textOf(r.body)),
    countsByRecipient: () => countsOf(sent),
    duplicateKeys() {
      const counts = new Map<string, { recipient: string; key: string; count: number }>();
      for (const r of sent) {
        const key = (r.body as Json | undefined)?.biz_opaque_callback_data;
        if (typeof key !== 'string' || !r.recipient) continue;
        const id = `${r.recipient}\u0000${key}`;
        const entry = counts.get(id) ?? { recipient: r.recipient, key, count: 0 };
        entry.count += 1;
        counts.set(id, entry);
      }
      return [...counts.values()].filter((e) => e.count > 1);
    },
    async postInbound(from, message, opts = {}) {
      const content = typeof message === 'string' ? wa.text(message) : message;
      const messageId = opts.id ?? wamid();
      const payload = waInbound(from, content, { ...opts, id: messageId });
      const delivery = await track(postWebhook(payload, { kind: 'inbound' }));
      return { ...delivery, messageId, payload };
    },
    postStatus,
    postWebhook: (payload, opts) => track(postWebhook(payload, opts)),
    postMessenger: (senderId, events, opts = {}) => {
      const { url, ...rest } = opts;
      return track(postWebhook(messengerWebhook(senderId, events, rest), { kind: 'inbound', ...(url ? { url } : {}) }));
    },
    waitFor,
    async waitForSends(recipient, count, timeoutMs) {
      await waitFor(
        () => (byRecipient.get(recipient.replace(/^\+/, ''))?.length ?? 0) >= count,
        timeoutMs,
        `${count} sends to ${recipient}`,
      );
      return accepted(recipient);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    reset() {
      failures.length = 0;
      requests.length = 0;
      sent.length = 0;
      byRecipient.clear();
      webhooks.length = 0;
      latencyMs = 0;
    },
    async close() {
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Management requests are recorded with their JSON body, or the size of a binary upload. */
function bodyForRecord(raw: Buffer | null): unknown {
  if (raw === null || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return { bytes: raw.length };
  }
}
