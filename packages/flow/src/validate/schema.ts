/**
 * Structural validation with ajv (JSON Schema 2020-12). The schemas are
 * compiled ahead of time into generated/schema-validators.js (see
 * schema-codegen.ts), so nothing is compiled — and no code is generated — at
 * run time, in Node or in the browser. ajv's errors are turned into sentences
 * by ajv-messages.ts.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { validateFlowDocument, validateLayoutDocument } from './generated/schema-validators.js';
import { describeAjvErrors } from './ajv-messages';
import type { ValidationIssue } from './issue';

/** Structural issues of a flow document (empty when it matches the schema). */
export function validateFlowStructure(input: unknown): ValidationIssue[] {
  if (validateFlowDocument(input)) return [];
  return describeAjvErrors((validateFlowDocument.errors ?? []) as ErrorObject[], input, 'flow');
}

/** Structural issues of a layout document (flows/<id>.layout.json). */
export function validateLayoutStructure(input: unknown): ValidationIssue[] {
  if (validateLayoutDocument(input)) return [];
  return describeAjvErrors((validateLayoutDocument.errors ?? []) as ErrorObject[], input, 'layout');
}
