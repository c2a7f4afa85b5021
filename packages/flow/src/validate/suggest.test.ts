import { describe, expect, it } from 'vitest';
import { didYouMean } from './suggest';

describe('didYouMean', () => {
  it('suggests close names, including swapped letters', () => {
    expect(didYouMean('strat', ['start', 'nodes'])).toBe(" Did you mean 'start'?");
    expect(didYouMean('tset', ['test', 'message'])).toBe(" Did you mean 'test'?");
    expect(didYouMean('qestion', ['question', 'bye'])).toBe(" Did you mean 'question'?");
    expect(didYouMean('Prompt', ['prompt'])).toBe(" Did you mean 'prompt'?");
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('banana', ['start', 'nodes'])).toBe('');
    expect(didYouMean('ab', ['xy'])).toBe('');
    expect(didYouMean('start', ['start'])).toBe('');
  });
});
