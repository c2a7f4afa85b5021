/**
 * Fixture-driven checks. valid/: real flows that must produce no issue at all.
 * broken/: one small flow per issue code; the issues listed in "expect" must be
 * reported (code, severity, path, node id), and no unlisted error may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
  options?: { knownFlows?: string[]; knownTemplates?: Record<string, TemplateInfo> };
}

function optionsOf(fixture: BrokenFixture): ValidateOptions {
  const options: ValidateOptions = {};
  const flows = fixture.options?.knownFlows;
  const templates = fixture.options?.knownTemplates;
  if (flows) options.knownFlows = (id) => flows.includes(id);
  if (templates) options.knownTemplates = (name, language) => templates[`${name}:${language}`];
  return options;
}

const brief = (i: ValidationIssue) => ({ severity: i.severity, code: i.code, path: i.path, nodeId: i.nodeId });

describe('valid flows', () => {
  for (const file of readdirSync(dir('valid')).filter((f) => f.endsWith('.flow.json'))) {
    it(`${file} has no issues`, () => {
      const parsed = parseFlowJson(read('valid', file), file);
      expect(parsed.issues).toEqual([]);
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
      const unexpectedErrors = actual.filter((i) => i.severity === 'error' && !fixture.expect.some((e) => e.code === i.code && e.path === i.path));
      expect(unexpectedErrors).toEqual([]);
      expect(result.ok).toBe(!fixture.expect.some((e) => e.severity === 'error'));
      for (const found of result.issues) {
        expect(found.message).toMatch(/^[A-Z'].*[.?]$/);
        if (found.nodeId) expect(found.message).toContain(found.nodeId);
      }
    });
  }
});
