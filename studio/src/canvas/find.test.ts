import { describe, expect, it } from 'vitest';
import type { FlowNode } from '@parley/flow';
import { findNodes } from './find';

const nodes: FlowNode[] = [
  { id: 'welcome', type: 'message', text: { en: 'Hello there', es: 'Hola amigo' }, exits: { next: 'refund_flow' } },
  { id: 'ask_email', type: 'ask', prompt: 'Your e-mail?', expect: 'email', saveAs: 'email' },
];

describe('findNodes', () => {
  it('matches ids and texts in any language, case-insensitively', () => {
    expect(findNodes(nodes, 'AMIGO')).toEqual(['welcome']);
    expect(findNodes(nodes, 'ask_')).toEqual(['ask_email']);
    expect(findNodes(nodes, '  ')).toEqual([]);
  });

  it('does not match on exit targets', () => {
    expect(findNodes(nodes, 'refund')).toEqual([]);
  });
});
