import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '../format';
import { SPEC_VERSION } from '../types';
import { validateFlow } from '../validate';
import { migrateFlow } from './migrate-flow';
import { KNOWN_SPEC_VERSIONS, migrations } from './registry';
import type { Migration } from './types';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (path: string) => readFileSync(fixturesDir + path, 'utf8');

describe('migration fixtures', () => {
  it('every migration has before/after fixtures', () => {
    const dirs = readdirSync(fixturesDir);
    for (const m of migrations) {
      const dir = `${m.from}-to-${m.to}`;
      expect(dirs, dir).toContain(dir);
      const files = readdirSync(fixturesDir + dir);
      const befores = files.filter((f) => f.endsWith('.before.json'));
      expect(befores.length, dir).toBeGreaterThan(0);
      for (const before of befores) expect(files, dir).toContain(before.replace('.before.', '.after.'));
    }
  });

  for (const dir of readdirSync(fixturesDir)) {
    for (const before of readdirSync(fixturesDir + dir).filter((f) => f.endsWith('.before.json'))) {
      const name = `${dir}/${before.replace('.before.json', '')}`;
      it(`${name}: migrates to the after fixture, which is valid and stably formatted`, () => {
        const input = JSON.parse(read(`${dir}/${before}`)) as unknown;
        const snapshot = structuredClone(input);
        const afterText = read(`${dir}/${before.replace('.before.', '.after.')}`);
        const result = migrateFlow(input);
        expect(result.issues).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.applied).toEqual([dir.replace('-to-', ' → ')]);
        expect(result.flow).toEqual(JSON.parse(afterText));
        expect(formatFlow(result.flow as Record<string, unknown>)).toBe(afterText);
        expect(input, 'the input document is not modified').toEqual(snapshot);
        const validation = validateFlow(result.flow);
        expect(validation.issues.filter((i) => i.severity === 'error')).toEqual([]);
      });
    }
  }
});

describe('migrateFlow', () => {
  const current = JSON.parse(read('0.9.0-to-1.0.0/minimal.after.json')) as Record<string, unknown>;

  it('leaves a current flow alone', () => {
    const result = migrateFlow(current);
    expect(result).toEqual({ ok: true, flow: current, applied: [], issues: [] });
    expect(KNOWN_SPEC_VERSIONS).toContain(SPEC_VERSION);
  });

  it('refuses a flow from a newer spec', () => {
    const result = migrateFlow({ ...current, specVersion: '1.1.0' });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'spec-unsupported', path: '/specVersion' })]);
    expect(result.issues[0]!.message).toMatch(/newer than the 1\.0\.0/);
  });

  it('reports documents without a version, with a bad version, or with no migration path', () => {
    expect(migrateFlow({ nodes: {} }).issues[0]!.code).toBe('spec-version-missing');
    expect(migrateFlow({ version: 'one' }).issues[0]!.code).toBe('spec-version-invalid');
    expect(migrateFlow({ version: '0.5.0' }).issues[0]).toMatchObject({ code: 'migration-missing' });
    expect(migrateFlow([1, 2]).issues[0]!.code).toBe('spec-version-missing');
  });

  it('reports a 0.9 document it cannot read, with the path', () => {
    const broken = JSON.parse(read('0.9.0-to-1.0.0/support-desk.before.json')) as { nodes: Record<string, Record<string, unknown>> };
    broken.nodes.greet!.buttons = 'Yes, No';
    const result = migrateFlow(broken);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'migration-failed', path: '/nodes/greet/buttons' });
    expect(migrateFlow({ version: '0.9.0', nodes: [] }).issues[0]).toMatchObject({ code: 'migration-failed', path: '/nodes' });
  });

  it('treats titles named like Object.prototype members as plain titles', () => {
    const doc = {
      version: '0.9.0',
      id: 'p',
      start: 'm',
      nodes: { m: { type: 'message', text: 'Pick', buttons: ['constructor', 'toString'], routes: { toString: 'm' } } },
    };
    const result = migrateFlow(doc);
    const node = (result.flow as { nodes: Array<{ exits: Record<string, unknown> }> }).nodes[0]!;
    expect(node.exits).toEqual({ tostring: 'm' });
  });

  it('chains migrations in order', () => {
    const seen: string[] = [];
    const step = (from: string, to: string): Migration => ({
      from,
      to,
      description: `${from}→${to}`,
      migrate: (doc) => {
        seen.push(from);
        return { ...doc, specVersion: to, trail: [...((doc.trail as string[]) ?? []), to] };
      },
    });
    const result = migrateFlow({ specVersion: '0.1.0' }, [step('0.2.0', '1.0.0'), step('0.1.0', '0.2.0')], '1.0.0');
    expect(result.applied).toEqual(['0.1.0 → 0.2.0', '0.2.0 → 1.0.0']);
    expect(seen).toEqual(['0.1.0', '0.2.0']);
    expect(result.flow).toEqual({ specVersion: '1.0.0', trail: ['0.2.0', '1.0.0'] });
  });

  it('never throws on random 0.9-looking documents', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('nodes', 'intents', 'variables', 'language', 'translations', 'title', 'start'),
          fc.jsonValue({ maxDepth: 4 }),
        ),
        (doc) => {
          const result = migrateFlow({ ...doc, version: '0.9.0' });
          if (!result.ok) expect(result.issues[0]!.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 300 },
    );
  });
});
