import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes single edits', () => {
    const h = new History(0);
    h.commit(1);
    h.commit(2);
    expect(h.undo()).toBe(true);
    expect(h.get().present).toBe(1);
    expect(h.redo()).toBe(true);
    expect(h.get().present).toBe(2);
    expect(h.redo()).toBe(false);
  });

  it('merges edits with the same coalesce key inside the window', () => {
    let t = 0;
    const h = new History('', 100, 1000, () => t);
    h.commit('h', { coalesce: 'text' });
    t = 200;
    h.commit('he', { coalesce: 'text' });
    t = 400;
    h.commit('hey', { coalesce: 'text' });
    expect(h.get().past).toEqual(['']);
    t = 3000;
    h.commit('hey!', { coalesce: 'text' });
    expect(h.get().past).toEqual(['', 'hey']);
  });

  it('turns a transient gesture into one undo step', () => {
    const h = new History({ x: 0 });
    for (let x = 1; x <= 10; x++) h.commit({ x }, { transient: true });
    expect(h.get().past).toHaveLength(0);
    h.checkpoint();
    expect(h.get().past).toEqual([{ x: 0 }]);
    h.undo();
    expect(h.get().present).toEqual({ x: 0 });
  });

  it('drops the redo branch after a new edit and caps the past', () => {
    const h = new History(0, 3);
    for (let i = 1; i <= 5; i++) h.commit(i);
    expect(h.get().past).toEqual([2, 3, 4]);
    h.undo();
    h.commit(9);
    expect(h.get().future).toEqual([]);
  });
});
