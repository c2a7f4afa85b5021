/**
 * The environment is read in one place: the config loader (through its table), plus main.ts's
 * flag defaults. Anything else receives the resolved config. Test helpers may read it freely.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = ['runtime/src', 'packages/flow/src', 'packages/nlu/src', 'packages/channels/src', 'packages/contract/src'];
/** Test support, not the running service. */
const ALLOWED = [
  /^runtime\/src\/main\.ts$/,
  /^runtime\/src\/testing\//,
  /^runtime\/src\/db\/testing\.ts$/,
  /^runtime\/src\/stores\/contract\//,
  /\.test\.ts$/,
  /\.bench\.ts$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

it('no module outside the config loader reads process.env', () => {
  const readers = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .map((path) => relative(ROOT, path))
    .filter((path) => !path.startsWith('runtime/src/config/') && !ALLOWED.some((pattern) => pattern.test(path)))
    .filter((path) => /process\.env\b/.test(readFileSync(join(ROOT, path), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
  expect(readers).toEqual([]);
});
