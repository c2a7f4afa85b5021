import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { isWellFormed } from '@parley/flow';
import { createLogger } from './logger';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
afterAll(() => redis.quit());

function capture(): { log: ReturnType<typeof createLogger>; text: () => string } {
  let text = '';
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(c: Buffer, _e, done) {
        text += c.toString();
        done();
      },
    }),
  });
  return { log, text: () => text };
}

it('logs a failing Redis command by name, without its arguments', async () => {
  const key = `parley-logger-test:${process.pid}:${Date.now()}`;
  await redis.set(key, 'a string', 'EX', 30);
  const session = JSON.stringify({ phone: '+4915112345678', name: 'Ana Müller', note: 'x'.repeat(18_000) });
  // WRONGTYPE: HSET on a string. ioredis's ReplyError carries command.args — the session above.
  const err = await redis.hset(key, 'session', session).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  expect(JSON.stringify((err as { command?: unknown }).command)).toContain('+4915112345678');

  const { log, text } = capture();
  log.error({ err }, 'commit failed');
  log.warn({ error: err, conv: 'demo:whatsapp:1' }, 'retrying');
  log.error({ err: new Error('outer', { cause: err }) }, 'wrapped');
  const out = text();
  expect(out).toContain('WRONGTYPE');
  expect(out).toContain('"command":{"name":"hset"}');
  for (const secret of ['+4915112345678', 'Ana Müller', 'xxxxxxxxxx', key]) expect(out).not.toContain(secret);
  for (const line of out.trim().split('\n')) expect(line.length).toBeLessThan(4000);
});

it('keeps the useful parts of an ordinary error and cuts a huge message', () => {
  const { log, text } = capture();
  log.error({ err: Object.assign(new Error(`bad ${'y'.repeat(20_000)}`), { code: 'ECONNREFUSED', port: 6379 }) }, 'connect failed');
  const line = JSON.parse(text()) as { err: { type: string; code: string; port: number; message: string } };
  expect(line.err).toMatchObject({ type: 'Error', code: 'ECONNREFUSED', port: 6379 });
  expect(line.err.message.length).toBeLessThan(1100);
});

it('cuts a long message between graphemes, never inside an emoji', () => {
  const { log, text } = capture();
  log.error({ err: new Error(`${'a'.repeat(999)}😮${'b'.repeat(2_000)}`) }, 'failed');
  const message = (JSON.parse(text()) as { err: { message: string } }).err.message;
  expect(isWellFormed(message)).toBe(true);
  expect(message.startsWith(`${'a'.repeat(999)}…`)).toBe(true);
});
