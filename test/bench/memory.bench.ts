/**
 * Redis bytes per idle conversation (target ≤ 2 KB), measured with MEMORY USAGE after real
 * conversations went through the whole pipeline (webhook → worker → commit → send):
 * each conversation is waiting at an ask, with its contact, session and sent-ids.
 *   npx tsx test/bench/memory.bench.ts   [MEM_CONVERSATIONS=1000]
 */
import type { KeySpace } from '../../runtime/src/stores/redis/keys';
import type { RedisClient } from '../../runtime/src/stores/redis/script';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack } from '../integration/harness';
import { asConversationId } from '../../runtime/src/conversation';

const N = Number(process.env.MEM_CONVERSATIONS ?? 1000);
const stack = await startStack({ fixtures: ['echo.flow.json'] });
stack.ctx.tenants[0]!.flows = ['echo'];
stack.ctx.tenants[0]!.defaultFlow = 'echo';
const { redis, prefix, keys: keySpace } = stack.ctx.stores as unknown as { redis: RedisClient; prefix: string; keys: KeySpace };
const user = (i: number): string => `4917${String(i).padStart(8, '0')}`;

async function scanSum(pattern: string, keep: (key: string) => boolean = () => true): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const k of batch.filter(keep)) {
      keys++;
      bytes += Number(await redis.memory('USAGE', k, 'SAMPLES', 0)) || 0;
    }
  } while (cursor !== '0');
  return { keys, bytes };
}

try {
  for (let i = 0; i < N; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, j) => stack.graph.postInbound(user(i + j), 'hello')));
  }
  await waitFor('prompts sent', () => stack.graph.sent.length >= N, 120_000, 50);
  for (let i = 0; i < N; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, j) => stack.graph.postInbound(user(i + j), 'my answer')));
  }
  await waitFor('answers sent', () => stack.graph.sent.length >= N * 3, 120_000, 50);
  await waitFor(
    'queues idle',
    async () => (await stack.ctx.stores.inbox.readyCount()) === 0 && (await stack.ctx.stores.outbox.pendingCount()) === 0,
    30_000,
  );

  // Keys are laid out per shard (runtime/src/stores/redis/keys.ts): <prefix>{<shard>}c:<conversation>:<suffix>.
  const isMessageState = (key: string): boolean => /:m:[^:]+$/.test(key);
  const perConv = await scanSum(`${prefix}{*}c:demo:whatsapp:*`, (key) => !isMessageState(key));
  let active = 0;
  for (const shard of keySpace.all()) active += Number(await redis.memory('USAGE', keySpace.index(shard, 'active'), 'SAMPLES', 0)) || 0;
  const dedupe = await scanSum(`${prefix}{*}dd:*`);
  const states = await scanSum(`${prefix}{*}c:demo:whatsapp:*`, isMessageState);
  const sample = await redis.get(keySpace.conv(asConversationId(`demo:whatsapp:${user(0)}`), 's'));
  const kb = (b: number): string => `${(b / N).toFixed(0)} B`;
  console.log(
    `\nRedis memory per idle conversation (${N} conversations waiting at an ask after 2 inbound and 3 outbound messages; MEMORY USAGE)`,
  );
  console.log('| part | keys | bytes per conversation |');
  console.log('|---|---|---|');
  console.log(`| conversation keys (session, contact, sent-ids) | ${perConv.keys} | ${kb(perConv.bytes)} |`);
  console.log(`| share of the active-conversations indexes | ${keySpace.shards} | ${kb(active)} |`);
  console.log(`| **idle conversation total** | | **${kb(perConv.bytes + active)}** (target ≤ 2 KB) |`);
  console.log(`| + inbound dedupe keys (expire after 48 h) | ${dedupe.keys} | ${kb(dedupe.bytes)} |`);
  console.log(`| + sent-message states for status webhooks (expire after 7 d) | ${states.keys} | ${kb(states.bytes)} |`);
  console.log(`session snapshot JSON: ${sample?.length ?? 0} characters`);
} finally {
  await stack.stop();
}
