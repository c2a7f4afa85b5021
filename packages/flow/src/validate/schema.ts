/**
 * Structural validation with ajv (JSON Schema 2020-12). The schemas are
 * compiled once, lazily, and cached; ajv's errors are turned into sentences
 * (see ajv-messages.ts). Importing the JSON files (rather than reading them from
 * disk) keeps this module usable in the browser: the studio bundles it with Vite.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import flowSchema from '../../../../schemas/flow.schema.json' with { type: 'json' };
import layoutSchema from '../../../../schemas/flow-layout.schema.json' with { type: 'json' };
import { nodeDefinitions } from '../nodes/registry';
import { describeAjvErrors } from './ajv-messages';
import type { ValidationIssue } from './issue';

interface Compiled {
  flow: ValidateFunction;
  layout: ValidateFunction;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const ajv = new Ajv2020({
    allErrors: true,
    // type: ["string", "object"] is how a localized text is expressed.
    allowUnionTypes: true,
    strict: true,
    // if/then branches deliberately omit "type"; the enclosing schema states it.
    strictTypes: false,
    strictRequired: false,
  });
  for (const def of Object.values(nodeDefinitions)) ajv.addSchema(def.schema);
  compiled = { flow: ajv.compile(flowSchema), layout: ajv.compile(layoutSchema) };
  return compiled;
}

/** Structural issues of a flow document (empty when it matches the schema). */
export function validateFlowStructure(input: unknown): ValidationIssue[] {
  const validate = compile().flow;
  if (validate(input)) return [];
  return describeAjvErrors((validate.errors ?? []) as ErrorObject[], input, 'flow');
}

/** Structural issues of a layout document (flows/<id>.layout.json). */
export function validateLayoutStructure(input: unknown): ValidationIssue[] {
  const validate = compile().layout;
  if (validate(input)) return [];
  return describeAjvErrors((validate.errors ?? []) as ErrorObject[], input, 'layout');
}
