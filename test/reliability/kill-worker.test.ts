/**
 * kill -9 a worker process under load: no inbound message is lost and no outbound message is
 * sent twice (counted at the fake Graph API), and each user's replies stay in order.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { createRedisStores } from '../../runtime/src/stores';
import { dropPrefix, REDIS_URL } from '../../runtime/src/stores/contract/harness';
import { waitFor } from '../../runtime/src/testing/seed';
import { PHONE_NUMBER_ID, SECRETS, freePort, spawnRuntime, writeSetup, type RuntimeProcess } from './processes';

const USERS = 12;
const MESSAGES_PER_USER = 10;
const procs: RuntimeProcess[] = [];
let graph: FakeGraph | undefined;
const prefix = `rel:${randomUUID().slice(0, 8)}:`;

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await graph?.close();
  const stores = await createRedisStores({ url: REDIS_URL, prefix });
  await dropPrefix(stores);
  await stores.close();
});

it('survives kill -9 of a worker under load: nothing lost, nothing sent twice, order kept', async () => {
  const ingressPort = await freePort();
  graph = await startFakeGraph({
    appSecret: SECRETS.RT_APP_SECRET,
    accessToken: SECRETS.RT_ACCESS_TOKEN,
    webhookUrl: `http://127.0.0.1:${ingressPort}/webhooks/whatsapp`,
  });
  const config = writeSetup(graph.url, ['echo.flow.json'], { defaultFlow: 'echo' });
  const env = { REDIS_URL, PARLEY_REDIS_PREFIX: prefix, PARLEY_WORK_LEASE_MS: '1500' };
  const [front, w1, w2] = await Promise.all([
    spawnRuntime({ config, roles: 'ingress,scheduler,sender', port: ingressPort, env }),
    spawnRuntime({ config, roles: 'worker', port: await freePort(), env }),
    spawnRuntime({ config, roles: 'worker', port: await freePort(), env }),
  ]);
  procs.push(front!, w1!, w2!);

  const users = Array.from({ length: USERS }, (_, i) => `4915000000${String(i).padStart(2, '0')}`);
  let posted = 0;
  let victimProcessed = 0;
  const killer = (async () => {
    await waitFor('a third of the load posted', () => posted >= (USERS * (MESSAGES_PER_USER + 1)) / 3, 30_000, 5);
    // Prove the victim was working: it has processed items when it dies.
    const metrics = await (await fetch(`${w1!.url}/metrics`)).text();
    victimProcessed = Number(/parley_processing_latency_ms_count\{kind="message"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    await w1!.kill('SIGKILL');
    procs.push(await spawnRuntime({ config, roles: 'worker', port: await freePort(), env }));
  })();
  await Promise.all(
    users.map(async (u) => {
      for (let m = 0; m <= MESSAGES_PER_USER; m++) {
        const res = await graph!.postInbound(u, m === 0 ? 'hello' : `m${m}`, { phoneNumberId: PHONE_NUMBER_ID });
        expect(res.status).toBe(200);
        posted++;
        await new Promise((r) => setTimeout(r, 15));
      }
    }),
  );
  await killer;

  const expected = ['Say something', ...Array.from({ length: MESSAGES_PER_USER }, (_, i) => [`got m${i + 1}`, 'more?']).flat()];
  await waitFor('every reply delivered', () => users.every((u) => graph!.textsTo(u).length >= expected.length), 45_000, 50);
  await new Promise((r) => setTimeout(r, 500));
  expect(victimProcessed).toBeGreaterThan(0);
  for (const u of users) expect(graph.textsTo(u)).toEqual(expected);
  expect(graph.duplicateKeys()).toEqual([]);
}, 120_000);
