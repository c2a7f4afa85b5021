/** The Graph API failing with 5xx and 429 for a while: afterwards everything is delivered, once, in order. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from '../integration/harness';

let stack: Stack;
beforeAll(async () => {
  // Meta's classification asks for ≥1 s before retrying 130429/131016: allow enough attempts.
  stack = await startStack({ fixtures: ['echo.flow.json'], config: { send: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 50 } } });
  // Only the echo flow answers (the repo's example flows have keyword triggers such as "hello").
  stack.ctx.tenants[0]!.flows = ['echo'];
  stack.ctx.tenants[0]!.defaultFlow = 'echo';
});
afterAll(async () => stack?.stop());

it('delivers everything in order after an outage of 5xx and rate limits', async () => {
  const users = ['4917600000001', '4917600000002', '4917600000003', '4917600000004'];
  stack.graph.failNext(16, '5xx');
  stack.graph.failNext(8, 'rate_limit', { code: 130429 });
  stack.graph.failNext(6, '5xx', { code: 131016, httpStatus: 503 });
  for (let m = 0; m <= 5; m++) {
    await Promise.all(users.map((u) => stack.graph.postInbound(u, m === 0 ? 'hello' : `m${m}`)));
  }
  const expected = ['Say something', ...[1, 2, 3, 4, 5].flatMap((i) => [`got m${i}`, 'more?'])];
  await waitFor('all delivered', () => users.every((u) => stack.graph.textsTo(u).length >= expected.length), 30_000, 50);
  for (const u of users) expect(stack.graph.textsTo(u)).toEqual(expected);
  expect(stack.graph.duplicateKeys()).toEqual([]);
  const failed = stack.graph.requests.filter((r) => !r.accepted).length;
  expect(failed).toBeGreaterThanOrEqual(30);
  expect(await stack.ctx.stores.deadLetters.list(10)).toEqual([]);
}, 60_000);
