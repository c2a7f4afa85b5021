/**
 * The repository stands on its own: no source file, doc or script may point at files outside
 * it (the development machine's shared reference notes and data sets). A reader of a clone
 * would find nothing there; a script would fail with a confusing ENOENT.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Built from parts so that this file does not match itself.
const OUTSIDE = [['', 'work', 'shared'].join('/'), '\\.\\./' + 'shared/', 'shared/' + '(reference|datasets|seeds|design\\.md)'].join('|');

it('no tracked file cites a path outside the repository', () => {
  const grep = spawnSync('git', ['grep', '-n', '-I', '-E', OUTSIDE, '--', '.', ':!package-lock.json'], { cwd: repoRoot, encoding: 'utf8' });
  // git grep: 0 = matches, 1 = none, anything else = git failed (then the test must not pass silently).
  expect(grep.status === 0 || grep.status === 1, grep.stderr).toBe(true);
  expect(grep.stdout.split('\n').filter(Boolean)).toEqual([]);
});
