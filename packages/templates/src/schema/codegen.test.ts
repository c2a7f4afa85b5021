import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidatorsSource } from './codegen';

describe('precompiled template validators', () => {
  const committed = readFileSync(new URL('./generated/template-validators.js', import.meta.url), 'utf8');
  it('are up to date with schemas/ (else run: npx tsx packages/templates/src/schema/generate-validators.ts)', () => {
    expect(committed === generateValidatorsSource()).toBe(true);
  });
  it('contain no run-time code generation (the studio runs them under a strict CSP)', () => {
    expect(committed).not.toMatch(/new Function|\beval\(|require\(/);
  });
});

describe('browser safety', () => {
  it('no node: imports in the package sources (tests and generators aside)', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('..', import.meta.url).pathname;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (
          /\.ts$/.test(name) &&
          !/\.test\.ts$|generate-validators\.ts$|codegen\.ts$/.test(name) &&
          /from 'node:/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(path);
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
