/**
 * One wording for a JSON Schema mismatch (an ajv error), shared by the runtime's config loader
 * and the API's request errors. The flow validator words its own (node ids, did-you-mean), since
 * it knows what a flow document is. Structural input: contract does not depend on ajv.
 */
export interface SchemaErrorLike {
  keyword: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}

/** `field` is the segment to add to the error's location (the missing or the tag property); `problem` follows it. */
export interface SchemaProblem {
  field?: string;
  problem: string;
}

export function schemaProblem(e: SchemaErrorLike): SchemaProblem {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return typeof p.missingProperty === 'string'
        ? { field: p.missingProperty, problem: 'is required' }
        : { problem: 'is missing a field' };
    case 'additionalProperties':
      return { problem: `has an unknown field "${String(p.additionalProperty)}"` };
    case 'type':
      return { problem: `must be ${p.type === 'null' ? 'absent' : String(p.type).split(',').join(' or ')}` };
    case 'const':
      return { problem: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return { problem: `must be one of ${JSON.stringify(p.allowedValues)}` };
    case 'discriminator':
      return {
        field: typeof p.tag === 'string' ? p.tag : 'type',
        problem: `must be one of the known types (got ${JSON.stringify(p.tagValue ?? null)})`,
      };
    default:
      return { problem: e.message ?? `does not match the schema (${e.keyword})` };
  }
}
