/** Helpers for reading requests and summarising what the fake recorded. */
import type { IncomingMessage } from 'node:http';
import type { Json } from './payloads';
import type { RecordedRequest } from './types';

export function countsOf(sent: RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of sent) if (r.recipient) counts.set(r.recipient, (counts.get(r.recipient) ?? 0) + 1);
  return counts;
}

/** Request bodies above this are refused (Meta's own limit for sends is far lower). */
const MAX_BODY = 4 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function recipientOfBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Json;
  if (typeof b.to === 'string') return b.to.replace(/^\+/, '');
  if (typeof b.recipient === 'string') return b.recipient;
  const r = b.recipient;
  if (typeof r === 'object' && r !== null && typeof (r as Json).id === 'string') return (r as Json).id as string;
  return undefined;
}

/** A human-readable summary of a send body, for order assertions. */
export function textOf(body: unknown): string {
  const b = (body ?? {}) as Json;
  const get = (path: string[]): unknown =>
    path.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Json)[k] : undefined), b);
  const candidates = [
    get(['text', 'body']),
    get(['interactive', 'body', 'text']),
    get(['template', 'name']) !== undefined ? `template:${String(get(['template', 'name']))}` : undefined,
    get(['message', 'text']),
    typeof b.type === 'string' ? `${b.type}:${String(get([b.type, 'link']) ?? get([b.type, 'id']) ?? '')}` : undefined,
    get(['message', 'attachment', 'type']) !== undefined ? `attachment:${String(get(['message', 'attachment', 'type']))}` : undefined,
  ];
  const found = candidates.find((c) => typeof c === 'string');
  return typeof found === 'string' ? found : JSON.stringify(body);
}
