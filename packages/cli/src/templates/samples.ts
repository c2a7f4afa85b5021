/**
 * `--samples file.jsonl`: one sample session per line. A line is either the variables themselves
 * (`{"first_name": "Maya", "cart_total": 129.9, "contact": {"name": "Maya"}}` — `contact`,
 * `trigger` and `input` are read as those facts) or `{"variables": {…}, "contact": {…}, "label": "…"}`.
 * Bad lines are precise errors (line number and what was expected), never skipped silently.
 */
import { CliError } from '../errors';
import { parseJsonText, readTextFile } from '../files';
import type { SampleContext } from './flow-uses';

const FACTS = ['contact', 'trigger', 'input'] as const;

export function readSamples(path: string, display: string): SampleContext[] {
  const text = readTextFile(path, display);
  const samples: SampleContext[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    const where = `${display}:${index + 1}`;
    const value = parseJsonText(line, where);
    if (!isRecord(value)) throw new CliError(`${where}: expected a JSON object (the variables, or { "variables": {…}, "contact": {…} })`);
    samples.push(toContext(value, where));
  });
  if (samples.length === 0) throw new CliError(`${display}: no samples (one JSON object per line)`);
  return samples;
}

function toContext(line: Record<string, unknown>, where: string): SampleContext {
  const inner = line.variables;
  const structured = isRecord(inner);
  const variables: Record<string, unknown> = isRecord(inner) ? { ...inner } : { ...line };
  const facts: Record<string, unknown> = {};
  for (const fact of FACTS) {
    const value = line[fact];
    if (value === undefined) {
      facts[fact] = {};
      continue;
    }
    if (!isRecord(value)) throw new CliError(`${where}: "${fact}" must be an object, got ${JSON.stringify(value)}`);
    facts[fact] = value;
    if (!structured) delete variables[fact];
  }
  const label = typeof line.label === 'string' && structured ? line.label : where;
  return { label, variables, facts };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
