import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Follows relative imports from browser.ts and fails on any node: builtin or Buffer use. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/from '(\.[^']+)'/g)) closure(join(dirname(file), m[1]!) + '.ts', seen);
  return seen;
}

describe('@parley/channels/browser', () => {
  it('pulls in no Node built-ins', () => {
    const files = closure(join(dirname(fileURLToPath(import.meta.url)), 'browser.ts'));
    expect(files.size).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from 'node:|\bBuffer\.|require\(/);
    }
  });
});
