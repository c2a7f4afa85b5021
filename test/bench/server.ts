/**
 * A server process for the benchmarks (started by the bench scripts, not by hand):
 *   node --import tsx test/bench/server.ts <mode> --port N [--graph URL] [--flows DIR] [--roles a,b] [--prefix P]
 * bare: a Fastify route that reads the raw body and answers 200 (the floor of any HTTP ingress);
 * durable: verify the HMAC + parse + one Redis script call (the floor of a durable ingress);
 * ingress: Parley's webhook ingress on Redis; runtime: Parley's roles (`--roles`, default all) on Redis.
 * Processes given the same `--prefix` share one Redis key space (the split e2e mode); each
 * deletes its keys on SIGTERM unless `--keep` is set (only one process of a split drops them).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { startRuntime } from '../../runtime/src/app/runtime';
import { parseRoles } from '../../runtime/src/app/roles';
import { buildServer } from '../../runtime/src/app/server';
import { createRedisStores } from '../../runtime/src/stores';
import { dropPrefix, REDIS_URL } from '../../runtime/src/stores/contract/harness';
import { createTestContext, TEST_APP_SECRET, testConfig } from '../../runtime/src/testing/context';
import { startDurableIngress } from './durable-ingress';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '0' },
    graph: { type: 'string', default: 'http://127.0.0.1:9' },
    flows: { type: 'string' },
    roles: { type: 'string', default: 'all' },
    prefix: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const mode = positionals[0] ?? 'bare';
const port = Number(values.port);
const prefix = values.prefix ?? `bench:${randomUUID().slice(0, 8)}:`;

async function main(): Promise<void> {
  if (mode === 'bare') {
    const app = Fastify({ bodyLimit: 3_200_000 });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post('/webhooks/whatsapp', async (_req, reply) => reply.code(200).send('EVENT_RECEIVED'));
    await app.listen({ port, host: '127.0.0.1' });
    process.stdout.write('ready\n');
    return;
  }
  if (mode === 'durable') {
    const durable = await startDurableIngress({ port, redisUrl: REDIS_URL, prefix, appSecret: TEST_APP_SECRET });
    process.on('SIGTERM', () => void durable.close().then(() => process.exit(0)));
    process.stdout.write('ready\n');
    return;
  }
  const stores = await createRedisStores({ url: REDIS_URL, prefix });
  const base = testConfig({ graph: { baseUrl: values.graph, version: 'v23.0' }, send: { ratePerSecond: 10_000 } }) as {
    tenants: Array<Record<string, unknown>>;
  };
  base.tenants[0]!.defaultFlow = 'echo';
  base.tenants[0]!.flows = ['echo'];
  const ctx = createTestContext(stores, { config: base, ...(values.flows ? { flowsDir: values.flows } : {}) });
  let stop = async (): Promise<void> => {};
  process.on(
    'SIGTERM',
    () =>
      void (async () => {
        await stop();
        if (!values.keep) await dropPrefix(stores);
        await stores.close();
        process.exit(0);
      })(),
  );
  if (mode === 'ingress') {
    const app = await buildServer(ctx, { ingress: true });
    await app.listen({ port, host: '127.0.0.1' });
    stop = () => app.close();
  } else if (mode === 'runtime') {
    const runtime = await startRuntime(ctx, {
      roles: parseRoles([values.roles]),
      port,
      host: '127.0.0.1',
      watch: false,
      workerConcurrency: 32,
      senderConcurrency: 64,
    });
    stop = () => runtime.stop();
  } else {
    throw new Error(`unknown mode "${mode}": use bare, durable, ingress or runtime`);
  }
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${(err as Error).message}\n`);
  process.exit(1);
});
