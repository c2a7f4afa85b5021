/**
 * A server process for the benchmarks (run by the bench scripts, not by hand):
 *   node --import tsx test/bench/server.ts bare|ingress|runtime <port> [graphUrl] [flowsDir]
 * bare: a Fastify route that reads the raw body and answers 200 (the baseline);
 * ingress: the real webhook ingress on Redis; runtime: every role on Redis.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { startRuntime } from '../../runtime/src/app/runtime';
import { ALL_ROLES } from '../../runtime/src/app/roles';
import { buildServer } from '../../runtime/src/app/server';
import { createRedisStores } from '../../runtime/src/stores';
import { dropPrefix, REDIS_URL } from '../../runtime/src/stores/contract/harness';
import { createTestContext, testConfig } from '../../runtime/src/testing/context';

const [mode = 'bare', portArg = '0', graphUrl = 'http://127.0.0.1:9', flowsDir] = process.argv.slice(2);
const port = Number(portArg);

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
  const stores = await createRedisStores({ url: REDIS_URL, prefix: `bench:${randomUUID().slice(0, 8)}:` });
  const base = testConfig({ graph: { baseUrl: graphUrl, version: 'v23.0' }, send: { ratePerSecond: 10_000 } }) as { tenants: Array<Record<string, unknown>> };
  base.tenants[0]!.defaultFlow = 'echo';
  base.tenants[0]!.flows = ['echo'];
  const ctx = createTestContext(stores, { config: base, ...(flowsDir ? { flowsDir } : {}) });
  const cleanup = async (): Promise<void> => {
    await dropPrefix(stores);
    await stores.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void cleanup());
  if (mode === 'ingress') {
    const app = await buildServer(ctx, { ingress: true });
    await app.listen({ port, host: '127.0.0.1' });
  } else {
    await startRuntime(ctx, { roles: new Set(ALL_ROLES), port, host: '127.0.0.1', watch: false, workerConcurrency: 32, senderConcurrency: 64 });
  }
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${(err as Error).message}\n`);
  process.exit(1);
});
