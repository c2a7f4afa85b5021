/**
 * An HTTP request in flight when its worker dies is not lost: the request is kept in the
 * session with a persisted deadline; when no result has come by then, it is run again, and
 * after three lost runs the flow takes its failure exit. "Dies" is simulated by a request that
 * never answers and ignores its timeout — what a killed process looks like from Redis.
 */
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from '../integration/harness';

const stacks: Stack[] = [];
const release: Array<() => void> = [];
afterEach(async () => {
  for (const r of release.splice(0)) r();
  for (const s of stacks.splice(0)) await s.stop();
});

it('messages sent while the bot waits for an answer are kept and handled once it is in, in order', async () => {
  const stack = await startStack({ fixtures: ['http-ask.flow.json'] });
  stacks.push(stack);
  let answer: (() => void) | undefined;
  stack.ctx.flowFetch = (async () => {
    await new Promise<void>((resolve) => (answer = resolve));
    return new Response(JSON.stringify({ plan: 'Gold' }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const from = '491700000777';
  await stack.graph.postInbound(from, 'httpask');
  await waitFor('the request is out', () => answer !== undefined);
  // The user answers before the question is even asked (they know what comes next).
  await stack.graph.postInbound(from, 'ana@example.com');
  await new Promise((r) => setTimeout(r, 300));
  expect(stack.graph.textsTo(from)).toEqual([]);
  answer!();
  await waitFor('question and thanks', () => stack.graph.textsTo(from).length === 2);
  expect(stack.graph.textsTo(from)).toEqual(['Your Gold plan is ready. Your email?', 'Thanks, ana@example.com']);
});

/** Runs the flow with a flow fetch whose first `lost` calls hang forever (the worker "died" during them). */
async function run(lost: number): Promise<{ stack: Stack; calls: () => number; from: string }> {
  const stack = await startStack({ fixtures: ['http-demo.flow.json'] });
  stacks.push(stack);
  let calls = 0;
  stack.ctx.flowFetch = (async () => {
    calls++;
    if (calls <= lost) {
      // Never settles on its own (a dead process does not time out either); freed when the test ends.
      await new Promise<void>((resolve) => release.push(resolve));
      throw new Error('the process is gone');
    }
    return new Response(JSON.stringify({ answer: 42 }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const from = `49170000${String(lost).padStart(4, '0')}`;
  await stack.graph.postInbound(from, 'httpdemo');
  return { stack, calls: () => calls, from };
}

it('a request lost with its worker is run again after its deadline, and the flow continues', async () => {
  const { stack, calls, from } = await run(1);
  await waitFor('the answer after the re-run', () => stack.graph.textsTo(from).length === 1, 15_000, 50);
  expect(stack.graph.textsTo(from)).toEqual(['The answer is 42']);
  expect(calls()).toBe(2);
});

it('after three lost runs the flow takes its failure exit instead of waiting forever', async () => {
  const { stack, calls, from } = await run(3);
  await waitFor('the failure exit', () => stack.graph.textsTo(from).length === 1, 30_000, 50);
  expect(stack.graph.textsTo(from)).toEqual(['The service is down']);
  expect(calls()).toBe(3);
}, 40_000);
