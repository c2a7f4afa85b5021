/**
 * Issue #9, the exact report: a user writes `"body":"x\ud800y"` (a lone UTF-16 surrogate, legal
 * in JSON) and a flow echoes it. The reply used to fail the outbox Lua script forever ("invalid
 * unicode escape code"), blocking every later reply of the conversation. Now the text is repaired
 * at ingress (U+FFFD), the reply goes out and so do the ones after it — on Redis and in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from '../integration/harness';

describe.each(['redis', 'memory'] as const)('a lone surrogate echoed by a flow (%s)', (store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ store, fixtures: ['echo.flow.json'] });
    stack.ctx.tenants[0]!.flows = ['echo'];
    stack.ctx.tenants[0]!.defaultFlow = 'echo';
  });
  afterAll(async () => stack?.stop());

  it('sends the echo with U+FFFD and every reply after it, in order, once', async () => {
    const user = store === 'redis' ? '4917600000101' : '4917600000102';
    await stack.graph.postInbound(user, 'hello');
    await waitFor('the first prompt', () => stack.graph.textsTo(user).length >= 1, 10_000);
    await stack.graph.postInbound(user, 'x\ud800y');
    await stack.graph.postInbound(user, 'after');
    await waitFor('the replies after the odd text', () => stack.graph.textsTo(user).length >= 5, 10_000, 20);
    expect(stack.graph.textsTo(user)).toEqual(['Say something', 'got x\ufffdy', 'more?', 'got after', 'more?']);
    expect(stack.graph.duplicateKeys()).toEqual([]);
    expect(await stack.ctx.stores.deadLetters.list(10)).toEqual([]);
    await waitFor('the outbox is empty', async () => (await stack.ctx.stores.outbox.pendingCount()) === 0, 5000);
  }, 30_000);
});
