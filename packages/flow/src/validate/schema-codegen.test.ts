import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidatorsSource } from './schema-codegen';
import { validateFlowStructure } from './schema';
import { knownProperties } from './schema-walk';

describe('precompiled schema validators', () => {
  it('are up to date with schemas/ (else run: npx tsx packages/flow/src/validate/generate-validators.ts)', () => {
    const committed = readFileSync(new URL('./generated/schema-validators.js', import.meta.url), 'utf8');
    expect(committed === generateValidatorsSource()).toBe(true);
  });

  it('contain no run-time code generation', () => {
    const committed = readFileSync(new URL('./generated/schema-validators.js', import.meta.url), 'utf8');
    expect(committed).not.toMatch(/new Function|\beval\(|require\(/);
  });
});

describe('unknown-property suggestions', () => {
  const flow = {
    id: 'f',
    name: 'F',
    specVersion: '1.0.0',
    revision: 0,
    languages: ['en'],
    start: 'a',
    strat: 'a',
    nodes: [{ id: 'a', type: 'ask', promt: 'Hi', expect: 'text', saveAs: 'x', validate: { tset: {} } }],
  };

  it('knows the properties of the object at any path', () => {
    expect(knownProperties('flow', flow, [])).toContain('start');
    expect(knownProperties('flow', flow, ['nodes', '0'])).toContain('prompt');
    expect(knownProperties('flow', flow, ['nodes', '0', 'validate'])).toEqual(['test', 'message']);
    expect(knownProperties('layout', {}, ['viewport'])).toEqual(['x', 'y', 'zoom']);
  });

  it('suggests the property the author meant', () => {
    const messages = validateFlowStructure(flow).map((i) => i.message);
    expect(messages).toContain("Unknown property 'strat' in the flow. Did you mean 'start'?");
    expect(messages).toContain("Unknown property 'promt' in node 'a'. Did you mean 'prompt'?");
    expect(messages).toContain("Unknown property 'tset' in 'validate' of node 'a'. Did you mean 'test'?");
  });
});
