/**
 * The rooms of runtime/src (runtime/README.md, "Where things live"), checked on every test run:
 * app/ is the composition root that nothing else imports; conversation/ (the conversation model)
 * and stores/ (store interfaces and implementations) sit below every role; platform/ holds the
 * shared plumbing and imports no role. Tests and testing/ helpers may reach anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf } from './import-graph';

const src = fileURLToPath(new URL('../../runtime/src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    // Tests and test harnesses (the store contract suites' harness.ts) do not ship.
    return /\.tsx?$/.test(name) && !/\.(test|bench)\.tsx?$/.test(name) && name !== 'harness.ts' ? [path] : [];
  });
}

/** The room of a file: its first folder under runtime/src ('' for main.ts and index.ts). */
function roomOf(file: string): string {
  const rel = relative(src, file);
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '';
}

/** Which rooms each room's shipped files may import (besides itself and packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  conversation: [],
  stores: ['conversation'],
  db: ['config'],
  platform: ['conversation', 'stores', 'db', 'config', 'flows', 'simulator', 'templates'],
};

const files = sourceFiles(src).filter((file) => roomOf(file) !== 'testing');
const edges = files.flatMap((file) =>
  importsOf(file).flatMap((target) =>
    target.kind === 'file' && target.file.startsWith(src + '/') ? [{ from: file, to: target.file }] : [],
  ),
);
const show = (e: { from: string; to: string }): string => `${relative(src, e.from)} → ${relative(src, e.to)}`;

describe('runtime rooms', () => {
  it('finds the runtime sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('nothing but main.ts and index.ts imports app/ (the composition root)', () => {
    const wrong = edges.filter((e) => roomOf(e.to) === 'app' && roomOf(e.from) !== 'app' && roomOf(e.from) !== '');
    expect(wrong.map(show)).toEqual([]);
  });

  it.each(Object.entries(MAY_IMPORT))('%s/ imports only the rooms below it', (room, allowed) => {
    const wrong = edges.filter((e) => roomOf(e.from) === room && roomOf(e.to) !== room && !allowed.includes(roomOf(e.to)));
    expect(wrong.map(show)).toEqual([]);
  });

  it('nobody takes a conversation id apart by hand (parseConversationId does)', () => {
    const splitting = files
      .filter((file) => roomOf(file) !== 'conversation')
      .filter((file) => /\bconv\w*(\.\w+)*\.split\(/i.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(splitting).toEqual([]);
  });
});
