import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { readSamples } from './samples';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'parley-samples-')), 'samples.jsonl');
  writeFileSync(path, text);
  return path;
}

describe('readSamples', () => {
  it('reads plain variable lines with contact facts, and structured lines with a label', () => {
    const samples = readSamples(
      file(
        '{"first_name":"Maya","contact":{"name":"Maya"}}\n\n{"variables":{"first_name":"Ana"},"contact":{"id":"1"},"label":"spanish"}\n',
      ),
      'samples.jsonl',
    );
    expect(samples).toEqual([
      { label: 'samples.jsonl:1', variables: { first_name: 'Maya' }, facts: { contact: { name: 'Maya' }, trigger: {}, input: {} } },
      { label: 'spanish', variables: { first_name: 'Ana' }, facts: { contact: { id: '1' }, trigger: {}, input: {} } },
    ]);
  });

  it('names the line of bad JSON, a line that is not an object, and a fact that is not an object', () => {
    expect(() => readSamples(file('{"a":1}\n{"a":\n'), 's.jsonl')).toThrow(/^s\.jsonl:2(:\d+)?: invalid JSON/);
    expect(() => readSamples(file('[1,2]\n'), 's.jsonl')).toThrow('s.jsonl:1: expected a JSON object');
    expect(() => readSamples(file('{"contact":"maya"}\n'), 's.jsonl')).toThrow('s.jsonl:1: "contact" must be an object, got "maya"');
  });

  it('refuses an empty file', () => {
    expect(() => readSamples(file('\n\n'), 's.jsonl')).toThrow(CliError);
  });
});
