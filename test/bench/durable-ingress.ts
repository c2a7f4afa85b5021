/**
 * The floor of an ingress that acknowledges only what is stored — the second baseline of
 * `bench:ingress`. A bare Fastify route that verifies the X-Hub-Signature-256 HMAC over the raw
 * bytes (constant-time compare), parses the JSON, and makes ONE Redis script call (dedupe
 * `SET NX EX` + `RPUSH` to the contact's list) before answering 200. No tenants, no routing,
 * no metrics, no deadline: whatever Parley spends beyond this is its own overhead.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

/** Dedupe and append in one round trip; 0 when the message id was seen before. */
const APPEND_ONCE = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1`;

const DEDUPE_TTL_SEC = 3 * 24 * 3600;

interface Inbound {
  entry?: Array<{ changes?: Array<{ value?: { messages?: Array<{ id?: string; from?: string }> } }> }>;
}

function signatureMatches(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`, 'latin1');
  const given = Buffer.from(value.toLowerCase(), 'latin1');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface DurableIngress {
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startDurableIngress(opts: {
  port: number;
  redisUrl: string;
  prefix: string;
  appSecret: string;
}): Promise<DurableIngress> {
  // The same client settings as Parley's Redis stores: the comparison isolates the code, not the client.
  const redis = new Redis(opts.redisUrl, { enableAutoPipelining: true });
  const sha = String(await redis.script('LOAD', APPEND_ONCE));
  const app = Fastify({ bodyLimit: 3_200_000 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/webhooks/whatsapp', async (req, reply) => {
    const raw = req.body;
    if (!Buffer.isBuffer(raw) || !signatureMatches(raw, req.headers['x-hub-signature-256'], opts.appSecret))
      return reply.code(401).send('bad signature');
    const message = (JSON.parse(raw.toString('utf8')) as Inbound).entry?.[0]?.changes?.[0]?.value?.messages?.[0];
    if (!message?.id || !message.from) return reply.code(400).send('no message');
    await redis.evalsha(sha, 2, `${opts.prefix}dd:${message.id}`, `${opts.prefix}i:${message.from}`, raw, DEDUPE_TTL_SEC);
    return reply.code(200).send('EVENT_RECEIVED');
  });
  await app.listen({ port: opts.port, host: '127.0.0.1' });
  return {
    app,
    async close() {
      await app.close();
      await dropKeys(redis, opts.prefix);
      redis.disconnect();
    },
  };
}

async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
