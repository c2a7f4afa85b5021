import { expect, it } from 'vitest';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { runJob } from './jobs';

it('a flow http request to a private address fails at once (no retries) and the flow gets the reason', async () => {
  const ctx = createTestContext(createMemoryStores());
  const conv = 'demo:whatsapp:16505550100';
  const started = Date.now();
  await runJob(ctx, conv, {
    type: 'http', requestId: 'r1', nodeId: 'lookup',
    request: { method: 'GET', url: 'http://169.254.169.254/latest/meta-data/', headers: {}, timeoutMs: 5000, retries: 3 },
  });
  expect(Date.now() - started).toBeLessThan(1000);
  const item = await ctx.stores.inbox.peek(conv);
  expect(item).toMatchObject({ kind: 'engine', event: { type: 'http.failed', requestId: 'r1', error: expect.stringMatching(/169\.254\.169\.254 is a private or reserved address/) } });
});
