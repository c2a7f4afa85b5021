/**
 * Fixture-driven checks. valid/: real flows that must produce no issue at all.
 * broken/: one small flow per issue code; the issues listed in "expect" must be
 * reported (code, severity, path, node id), and no unlisted error may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '../format';
import type { Flow } from '../types';
import type { ValidationIssue } from './issue';
import type { TemplateInfo, ValidateOptions } from './options';
import { parseFlowJson } from './parse';
import { validateFlow } from './validate-flow';

const dir = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));
const read = (name: string, file: string) => readFileSync(dir(name) + file, 'utf8');

interface BrokenFixture {
  description: string;
  expect: Array<Pick<ValidationIssue, 'severity' | 'code' | 'path' | 'nodeId'>>;
  flow: unknown;
  options?: { knownFlows?: string[]; templateInfo?: Record<string, TemplateInfo>; flows?: Record<string, Flow> };
}

function optionsOf(fixture: BrokenFixture): ValidateOptions {
  const options: ValidateOptions = {};
  const flows = fixture.options?.knownFlows;
  const templates = fixture.options?.templateInfo;
  if (flows) options.knownFlows = (id) => flows.includes(id);
  if (templates) options.templateInfo = (name) => (Object.hasOwn(templates, name) ? templates[name] : undefined);
  const children = fixture.options?.flows;
  if (children) options.resolveFlow = (id) => children[id];
  return options;
}

const brief = (i: ValidationIssue) => ({ severity: i.severity, code: i.code, path: i.path, nodeId: i.nodeId });

describe('valid flows', () => {
  for (const file of readdirSync(dir('valid')).filter((f) => f.endsWith('.flow.json'))) {
    it(`${file} has no issues`, () => {
      const text = read('valid', file);
      const parsed = parseFlowJson(text, file);
      expect(parsed.issues).toEqual([]);
      expect(formatFlow(parsed.value as Flow), 'valid fixtures are kept in the stable format').toBe(text);
      const result = validateFlow(parsed.value, { knownFlows: (id) => id === 'checkout' });
      expect(result.issues.map((i) => `${i.code} ${i.path}: ${i.message}`)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.flow).toBe(parsed.value);
    });
  }
});

describe('broken flows', () => {
  const files = readdirSync(dir('broken')).filter((f) => f.endsWith('.json'));
  it('cover a good share of the issue codes', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });
  for (const file of files) {
    const fixture = JSON.parse(read('broken', file)) as BrokenFixture;
    it(`${file.replace('.json', '')}: ${fixture.description}`, () => {
      const result = validateFlow(fixture.flow, optionsOf(fixture));
      const actual = result.issues.map(brief);
      for (const expected of fixture.expect) {
        expect(actual, JSON.stringify(result.issues, null, 1)).toContainEqual({ ...expected, nodeId: expected.nodeId });
      }
      const unexpectedErrors = actual.filter(
        (i) => i.severity === 'error' && !fixture.expect.some((e) => e.code === i.code && e.path === i.path),
      );
      expect(unexpectedErrors).toEqual([]);
      expect(result.ok).toBe(!fixture.expect.some((e) => e.severity === 'error'));
      for (const found of result.issues) {
        expect(found.message).toMatch(/^[A-Z'].*[.?]$/);
        if (found.nodeId) expect(found.message).toContain(found.nodeId);
      }
    });
  }
});

/** Codes whose inputs cannot be small fixture files, each with the test that covers it. */
const TESTED_ELSEWHERE: Record<string, string> = {
  'json-syntax': 'parse.test.ts',
  'json-duplicate-key': 'parse.test.ts',
  'too-large': 'parse.test.ts, limits.test.ts',
  'too-many-nodes': 'limits.test.ts',
  'too-many-entries': 'limits.test.ts',
  'too-deep': 'limits.test.ts',
  'string-too-long': 'limits.test.ts',
  'key-too-long': 'limits.test.ts',
  'not-json': 'limits.test.ts',
  'layout-flow-mismatch': 'layout.test.ts',
  'layout-unknown-node': 'layout.test.ts',
  'spec-version-missing': '../migrate/migrate.test.ts',
  'spec-version-invalid': '../migrate/migrate.test.ts',
  'migration-missing': '../migrate/migrate.test.ts',
  'migration-failed': '../migrate/migrate.test.ts',
  'internal-error': 'a bug guard: no input reaches it (fuzz.test.ts asserts so)',
};

describe('issue code coverage', () => {
  it('every issue code has a broken fixture or a dedicated test', () => {
    const covered = new Set<string>();
    for (const file of readdirSync(dir('broken'))) {
      for (const e of (JSON.parse(read('broken', file)) as BrokenFixture).expect) covered.add(e.code);
    }
    const sources = ['./', '../nodes/', '../migrate/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
    const missing: string[] = [];
    for (const folder of sources) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const source = readFileSync(folder + file, 'utf8');
        for (const m of source.matchAll(/(?:issue\('(?:error|warning)',\s*|(?:report|make|fail)\(\s*)'([a-z]+(?:-[a-z]+)+)'/g)) {
          if (!covered.has(m[1]!) && !(m[1]! in TESTED_ELSEWHERE)) missing.push(`${m[1]} (${file})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
