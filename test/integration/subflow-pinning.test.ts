/** A session keeps the subflow version it first called: publishing the child mid-conversation does not change it under the user. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fixtures: ['pin-parent.flow.json', 'pin-child.flow.json'] });
});
afterAll(async () => stack?.stop());

it('a running call finishes on the child version it started; a new conversation gets the new one', async () => {
  const early = '491700000801';
  await stack.graph.postInbound(early, 'pinparent');
  await waitFor('v1 question', () => stack.graph.textsTo(early).length === 1);
  expect(stack.graph.textsTo(early)).toEqual(['Child v1 question?']);

  // The child is rewritten and goes live: its waiting node is renamed, its texts change.
  const child = JSON.parse(readFileSync(`${stack.flowsDir}/pin-child.flow.json`, 'utf8'));
  child.revision = 2;
  child.start = 'q2';
  child.nodes = [
    { id: 'q2', type: 'ask', prompt: 'Child v2 question?', expect: 'text', saveAs: 'answer', exits: { next: 'thanks', invalid: 'thanks' } },
    { id: 'thanks', type: 'message', text: 'Child v2 thanks', exits: { next: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ];
  writeFileSync(`${stack.flowsDir}/pin-child.flow.json`, JSON.stringify(child, null, 2));
  await waitFor(
    'v2 live',
    async () =>
      (await stack.api('GET', '/api/flows')).body.some(
        (f: { id: string; publishedVersion: number | null }) => f.id === 'pin-child' && f.publishedVersion === 2,
      ),
    5000,
  );
  await new Promise((r) => setTimeout(r, 600)); // past the live-version cache

  await stack.graph.postInbound(early, 'blue');
  await waitFor('v1 finish', () => stack.graph.textsTo(early).length === 3);
  expect(stack.graph.textsTo(early)).toEqual(['Child v1 question?', 'Child v1 thanks', 'Parent got blue']);

  const late = '491700000802';
  await stack.graph.postInbound(late, 'pinparent');
  await waitFor('v2 question', () => stack.graph.textsTo(late).length === 1);
  expect(stack.graph.textsTo(late)).toEqual(['Child v2 question?']);
});
