import { describe, expect, it } from 'vitest';
import { humanizeId, nodeTitle } from './title';

describe('node titles', () => {
  it('turns ids into words a marketer reads', () => {
    expect(humanizeId('answer_shipping')).toBe('Answer shipping');
    expect(humanizeId('idle-end')).toBe('Idle end');
    expect(humanizeId('askEmail')).toBe('Ask email');
    expect(humanizeId('send_FAQ_2')).toBe('Send FAQ 2');
  });
  it('prefers the label, and ignores a blank one', () => {
    expect(nodeTitle({ id: 'answer_shipping', label: 'Shipping times' })).toBe('Shipping times');
    expect(nodeTitle({ id: 'answer_shipping', label: '  ' })).toBe('Answer shipping');
    expect(nodeTitle({ id: 'answer_shipping' })).toBe('Answer shipping');
  });
});
