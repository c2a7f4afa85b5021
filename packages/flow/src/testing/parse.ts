/**
 * Structural validation of a transcript test file against `schemas/flow-test.schema.json`.
 * The schema is compiled once (ajv, draft 2020-12); errors come back as JSON pointers plus
 * a sentence, e.g. `/tests/2/turns/4: must have at most 1 property ("bot" or "user", not both)`.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import schema from '../../../../schemas/flow-test.schema.json' with { type: 'json' };
import type { FlowTestFile } from './types';

export interface TestFileIssue {
  /** JSON pointer into the test file. */
  path: string;
  message: string;
}

export type ParsedTestFile = { ok: true; file: FlowTestFile; issues: [] } | { ok: false; issues: TestFileIssue[] };

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const MAX_ISSUES = 20;

export function parseFlowTests(input: unknown): ParsedTestFile {
  const validate = validator();
  if (validate(input)) return { ok: true, file: input as FlowTestFile, issues: [] };
  return { ok: false, issues: humanize(validate.errors ?? []) };
}

/** Keeps the most specific error per path; drops the "oneOf" noise that restates child errors. */
function humanize(errors: ErrorObject[]): TestFileIssue[] {
  const seen = new Set<string>();
  const issues: TestFileIssue[] = [];
  for (const error of errors) {
    if (error.keyword === 'oneOf' && errors.some((e) => e !== error && e.instancePath.startsWith(error.instancePath))) continue;
    const message = describe(error);
    const key = `${error.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: error.instancePath || '/', message });
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `missing property "${String(params.missingProperty)}"`;
    case 'maxProperties':
      return 'a turn has exactly one of user, tap, pick, media, location, timeout, event, bot, expect';
    case 'minProperties':
      return 'must not be empty';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
