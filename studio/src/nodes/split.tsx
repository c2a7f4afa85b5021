import { Shuffle } from 'lucide-react';
import { branchShares, type SplitNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

/** "33.3%": whole numbers stay whole. */
function percent(share: number): string {
  return `${Number.isInteger(share) ? share : share.toFixed(1)}%`;
}

function branchName(branch: SplitNode['branches'][number]): string {
  return branch.label?.trim() || branch.id;
}

/** Each branch with the share of contacts it gets, in the order of the branches. */
function SharesList({ node }: { node: SplitNode }) {
  const branches = Array.isArray(node.branches) ? node.branches : [];
  const shares = branchShares(branches);
  const off = branches.length > 0 && branches.every((b) => b.weight === 0);
  return (
    <>
      <ul className="node-list" aria-label="Share of contacts per branch">
        {branches.map((b, i) => (
          <li key={`${b.id}-${i}`}>
            {branchName(b)}: <strong>{off ? '—' : percent(shares[i]!)}</strong>
          </li>
        ))}
      </ul>
      {off && <p className="node-meta">Every weight is 0: give at least one branch a weight.</p>}
    </>
  );
}

export const splitEditor: NodeEditor<SplitNode> = {
  type: 'split',
  title: 'A/B test',
  description:
    'Sends each contact down one of several branches by weight, always the same branch for the same contact, to compare versions.',
  icon: Shuffle,
  group: 'Logic',
  color: '#8a3a12',
  create: (id) => ({
    id,
    type: 'split',
    branches: [
      { id: 'a', label: 'Version A', weight: 50 },
      { id: 'b', label: 'Version B', weight: 50 },
    ],
  }),
  Body: SharesList,
  Editor: SharesList,
  exitLabels(node) {
    const shares = branchShares(node.branches);
    return Object.fromEntries(node.branches.map((b, i) => [b.id, `${branchName(b)} (${percent(shares[i]!)})`]));
  },
  hints: {
    ...COMMON_HINTS,
    branches: {
      itemLabel: 'Branch',
      help: 'Each contact always gets the same branch. A branch’s share is its weight divided by the sum of all weights.',
    },
    'branches.*.id': { label: 'Exit name', order: 1 },
    'branches.*.label': { label: 'Name', placeholder: 'e.g. Short copy', order: 2 },
    'branches.*.weight': { label: 'Weight', help: 'A whole number from 0 to 1000; 0 turns the branch off.', order: 3 },
  },
};
