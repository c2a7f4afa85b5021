/**
 * Structural checks with the precompiled validators (generated/template-validators.js), their
 * ajv errors worded as TemplateIssues (code `schema`) naming the language, component and field.
 * A value that may be several shapes (an example, a fallback) gets one sentence, not one per shape.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { schemaProblem } from '@parley/contract';
import { makeIssue } from '../issues';
import type { TemplateIssue } from '../types';
import { validateLockDocument, validateTemplateDocument } from './generated/template-validators.js';

const MAX_ISSUES = 50;

const ANY_OF_MEANING = 'must be text, a number, a currency amount {"amount", "currency"} or a location {"latitude", "longitude"}';

function describe(errors: readonly ErrorObject[], file: string): TemplateIssue[] {
  // anyOf branches each fail on their own; say once what the value may be.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'oneOf') continue;
    if (e.keyword !== 'anyOf' && anyOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`))) continue;
    const problem = e.keyword === 'anyOf' ? { problem: ANY_OF_MEANING } : schemaProblem(e);
    const path = problem.field !== undefined ? `${e.instancePath}/${problem.field}` : e.instancePath;
    const key = `${path} ${problem.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(makeIssue('error', 'schema', file, path, problem.problem));
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues;
}

export function templateSchemaIssues(doc: unknown, file: string): TemplateIssue[] {
  if (validateTemplateDocument(doc)) return [];
  return describe((validateTemplateDocument.errors ?? []) as ErrorObject[], file);
}

export function lockSchemaIssues(doc: unknown, file: string): TemplateIssue[] {
  if (validateLockDocument(doc)) return [];
  return describe((validateLockDocument.errors ?? []) as ErrorObject[], file);
}
