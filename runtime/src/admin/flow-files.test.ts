import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '@parley/flow';
import type { Flow } from '@parley/flow';
import { readDraft, readDraftFiles, sameLogic, writeDraft } from './flow-files';

const flow: Flow = {
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 4,
  languages: ['en'],
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text: 'Hi', exits: { next: 'b' } },
    { id: 'b', type: 'end', exits: {} },
  ],
} as Flow;

describe('sameLogic', () => {
  it('ignores revision and key order, sees any other change', () => {
    const { nodes, ...rest } = flow;
    expect(sameLogic(flow, { nodes, ...rest, revision: 9 } as Flow)).toBe(true);
    expect(sameLogic(flow, { ...flow, name: 'G' })).toBe(false);
    expect(sameLogic(flow, { ...flow, nodes: [flow.nodes[1]!, flow.nodes[0]!] })).toBe(false);
    expect(sameLogic(null, flow)).toBe(false);
    expect(sameLogic([flow], flow)).toBe(false);
  });
});

describe('draft files', () => {
  it('the token changes with either file and keeps the flow revision readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ff-'));
    expect(await readDraft(dir, 'f')).toBeNull();
    await writeDraft(dir, 'f', flow, { flowId: 'f', positions: { a: { x: 0, y: 0 } } });
    const first = await readDraftFiles(dir, 'f');
    expect(first?.flowRevision).toBe(4);
    expect(first?.revision).toMatch(/^4:[0-9a-f]{16}$/);
    const flowText = readFileSync(join(dir, 'f.flow.json'), 'utf8');
    expect(flowText).toBe(formatFlow(flow));

    // Layout only: the flow file is not touched, the token moves.
    const written: string[] = [];
    await writeDraft(
      dir,
      'f',
      null,
      { flowId: 'f', positions: { a: { x: 10, y: 0 } } },
      {
        order: flow,
        beforeFlowWrite: async (t) => {
          written.push(t);
        },
      },
    );
    expect(written).toEqual([]);
    expect(readFileSync(join(dir, 'f.flow.json'), 'utf8')).toBe(flowText);
    const second = await readDraftFiles(dir, 'f');
    expect(second?.revision).not.toBe(first?.revision);

    // A hand edit that keeps "revision" still changes the token.
    writeFileSync(join(dir, 'f.flow.json'), flowText.replace('"Hi"', '"Hello"'));
    expect((await readDraftFiles(dir, 'f'))?.revision).not.toBe(second?.revision);

    // The flow hook sees the exact text before it is written, and only when it changes.
    await writeDraft(dir, 'f', { ...flow, revision: 5 }, null, {
      beforeFlowWrite: async (t) => {
        written.push(t);
      },
    });
    await writeDraft(dir, 'f', { ...flow, revision: 5 }, null, {
      beforeFlowWrite: async (t) => {
        written.push(t);
      },
    });
    expect(written).toEqual([readFileSync(join(dir, 'f.flow.json'), 'utf8')]);
  });
});
