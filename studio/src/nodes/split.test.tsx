// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Flow, SplitNode } from '@parley/flow';
import { Inspector } from '../inspector/Inspector';
import { splitEditor } from './split';

afterEach(cleanup);

const node = (weights: number[], labels: Array<string | undefined> = []): SplitNode => ({
  id: 'ab',
  type: 'split',
  branches: weights.map((weight, i) => ({ id: `v${i}`, weight, ...(labels[i] ? { label: labels[i] } : {}) })),
});

const shares = () =>
  within(screen.getByRole('list', { name: 'Share of contacts per branch' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('split editor', () => {
  it('shows each branch with its share of contacts on the canvas', () => {
    const Body = splitEditor.Body;
    render(<Body node={node([50, 30, 20], ['Short copy', 'Long copy'])} language="en" defaultLanguage="en" />);
    expect(shares()).toEqual(['Short copy: 50%', 'Long copy: 30%', 'v2: 20%']);
    cleanup();
    render(<Body node={node([2, 1, 0])} language="en" defaultLanguage="en" />);
    expect(shares()).toEqual(['v0: 66.7%', 'v1: 33.3%', 'v2: 0%']);
  });

  it('says so when every weight is 0', () => {
    const Body = splitEditor.Body;
    render(<Body node={node([0, 0])} language="en" defaultLanguage="en" />);
    expect(shares()).toEqual(['v0: —', 'v1: —']);
    expect(screen.getByText(/Every weight is 0/)).toBeTruthy();
  });

  it('labels one exit per branch with its name and share', () => {
    expect(splitEditor.exitLabels!(node([1, 3], ['Control']), 'en', 'en')).toEqual({ v0: 'Control (25%)', v1: 'v1 (75%)' });
  });

  it('edits a weight in the inspector and the shares follow', () => {
    const split = node([50, 50], ['A', 'B']);
    const flow: Flow = {
      id: 'f',
      name: 'F',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'ab',
      nodes: [split, { id: 'done', type: 'end' }],
    };
    const onChange = vi.fn();
    const props = {
      flow,
      issues: [],
      flowIds: [],
      onChange,
      onRename: () => true,
      onConnect: () => {},
      onSetStart: () => {},
      onDelete: () => {},
    };
    const { rerender } = render(<Inspector {...props} node={split} />);
    expect(shares()).toEqual(['A: 50%', 'B: 50%']);
    const weights = screen.getAllByLabelText(/^Weight/);
    expect(weights).toHaveLength(2);
    fireEvent.change(weights[1]!, { target: { value: '150' } });
    const changed = onChange.mock.lastCall![0] as SplitNode;
    expect(changed.branches.map((b) => b.weight)).toEqual([50, 150]);
    rerender(<Inspector {...props} node={changed} />);
    expect(shares()).toEqual(['A: 25%', 'B: 75%']);
  });
});
