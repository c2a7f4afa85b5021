/** Transcript tests force a branch with the contact id; the test lint accepts `split` in `expect.variables`. */
import { describe, expect, it } from 'vitest';
import { lintFlowTests } from '../../testing/lint';
import { runFlowTest } from '../../testing/runner';
import type { FlowTest } from '../../testing/types';
import type { Flow, SplitBranch } from '../../types';
import { branchAt, splitPosition } from './pick';

const branches: SplitBranch[] = [
  { id: 'short', label: 'Short copy', weight: 50 },
  { id: 'long', label: 'Long copy', weight: 50 },
];

const flow: Flow = {
  id: 'promo',
  name: 'Promo',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'copy_test',
  nodes: [
    { id: 'copy_test', type: 'split', branches, exits: { short: 'msg_short', long: 'msg_long' } },
    { id: 'msg_short', type: 'message', text: '20% off today.', exits: { next: null } },
    { id: 'msg_long', type: 'message', text: 'Today only: 20% off everything in the shop.', exits: { next: null } },
  ],
};

/** A contact id for each branch, found the way a test author would: try ids until one lands there. */
function contactFor(branchId: string): string {
  for (let i = 0; ; i++) if (branchAt(branches, splitPosition('promo', 'copy_test', `tester-${i}`))!.id === branchId) return `tester-${i}`;
}

describe('split node in transcript tests', () => {
  const tests: FlowTest[] = [
    {
      name: 'short copy',
      contact: { id: contactFor('short') },
      turns: [{ bot: { text: '20% off today.' } }, { expect: { ended: true, variables: { split: { copy_test: 'short' } } } }],
    },
    {
      name: 'long copy',
      contact: { id: contactFor('long') },
      turns: [
        { bot: { text: 'Today only: 20% off everything in the shop.' } },
        { expect: { ended: true, variables: { split: { copy_test: 'long' } } } },
      ],
    },
  ];

  it('a contact id takes its branch, every run', () => {
    for (const test of [...tests, ...tests]) {
      const result = runFlowTest(flow, test);
      expect([test.name, result.failures]).toEqual([test.name, []]);
    }
  });

  it('the wrong contact for a branch fails the test, naming the branch taken', () => {
    const swapped = { ...tests[0]!, contact: tests[1]!.contact! };
    const result = runFlowTest(flow, swapped);
    expect(result.passed).toBe(false);
    expect(result.failures.join('\n')).toContain('20% off everything');
  });

  it('the test lint accepts split in expected variables only when the flow has a split node', () => {
    expect(lintFlowTests({ flow: 'promo', tests }, [flow])).toEqual([]);
    const plain: Flow = { ...flow, start: 'msg_short', nodes: flow.nodes.slice(1) };
    expect(lintFlowTests({ flow: 'promo', tests: [tests[0]!] }, [plain]).map((i) => i.message)).toContainEqual(
      '"split" is not a declared variable of the flow',
    );
  });
});
