/** docs/operations.md lists every environment variable from the loader's own table, never a hand-kept copy. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { OPERATIONS_DOC, withGeneratedSection } from './env-doc';

it('the environment section of docs/operations.md is the one generated from the table (npx tsx runtime/src/config/env-doc.ts --write)', () => {
  const doc = readFileSync(OPERATIONS_DOC, 'utf8');
  expect(doc).toBe(withGeneratedSection(doc));
});
