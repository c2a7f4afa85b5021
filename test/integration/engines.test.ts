/**
 * `npm install` on the Node.js version the README and `engines` promise must not warn that a
 * dependency needs a newer one (EBADENGINE): every installed package's `engines.node` has to
 * accept the oldest Node.js we declare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
};

describe('Node.js engine', () => {
  it('every locked package accepts the oldest Node.js the project declares', () => {
    const oldest = semver.minVersion(declared)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path.includes('node_modules/') && !entry.optional)
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(oldest, range) ? [`${path.replace(/^.*node_modules\//, '')} needs node ${range}`] : [];
      });
    expect(refusing, `declared engines.node ${declared}`).toEqual([]);
  });
});
