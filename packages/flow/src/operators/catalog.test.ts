import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { operatorCatalog } from './catalog';

it('catalog.json lists every operator as the registry describes it (else run: npx tsx packages/flow/src/operators/write-catalog.ts)', () => {
  const committed = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8')) as unknown;
  expect(committed).toEqual(operatorCatalog());
});
