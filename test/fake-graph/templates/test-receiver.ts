/**
 * Test helpers for the template suites: a webhook receiver that checks the signature over the raw
 * bytes and parses with @parley/channels (standing in for the runtime), and a Graph API caller.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWebhook, verifySignature, type ParseResult } from '@parley/channels';

export interface Receiver {
  url: string;
  /** Parsed bodies of the signed webhooks received, in order. */
  parsed: ParseResult[];
  /** Webhooks whose signature did not verify. */
  badSignatures: number;
  /** Resolves once `n` webhooks arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(appSecret: string): Promise<Receiver> {
  const parsed: ParseResult[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const ok = verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, appSecret);
      if (ok) parsed.push(parseWebhook(JSON.parse(raw.toString('utf8')), { channelHint: 'whatsapp' }));
      else receiver.badSignatures += 1;
      res.writeHead(ok ? 200 : 401).end();
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`,
    parsed,
    badSignatures: 0,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (parsed.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: ${parsed.length} of ${n} webhooks after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return receiver;
}

export interface GraphAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** One Graph API call with a bearer token (or `authorization` given in headers). */
export async function graphCall(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; bytes?: Uint8Array; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? 'test-token'}`, ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : opts.bytes ? { body: new Uint8Array(opts.bytes) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
