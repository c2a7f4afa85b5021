/**
 * A request that does not match its route schema gets the API's usual refusal,
 * `400 { error: { code: 'bad_request', message } }`, with a message that names the field
 * ("body.text must be string") instead of Fastify's default error shape.
 */
import type { FastifySchemaValidationError } from 'fastify';
import { schemaProblem } from '@parley/contract';

/** The request part a mismatch is in (Fastify's SchemaErrorDataVar, which its index does not export). */
type SchemaErrorDataVar = 'body' | 'headers' | 'params' | 'querystring';

/** The error a schema mismatch becomes; the app's error handler answers it as is. */
class RequestSchemaError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly code = 'bad_request',
  ) {
    super(message);
  }
}

/** "body.text must be string", "body.contact.id is required": where the mismatch is, as the client wrote it, then what is wrong. */
function describe(dataVar: SchemaErrorDataVar, error: FastifySchemaValidationError): string {
  const { field, problem } = schemaProblem(error);
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `${[dataVar, ...segments, ...(field !== undefined ? [field] : [])].join('.')} ${problem}`;
}

/**
 * A union (an optional body: object or absent) fails with one error per branch plus an
 * `anyOf` summary: the most specific one (deepest path, not "must be absent") says the most.
 */
function mostTelling(errors: FastifySchemaValidationError[]): FastifySchemaValidationError | undefined {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
  const pool = useful.length > 0 ? useful : errors;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

export function formatSchemaError(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  return schemaErrorAs('bad_request')(errors, dataVar);
}

/** For a route whose refusals had their own code before it had a schema (e.g. bad_message): the same code. */
export function schemaErrorAs(code: string): (errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar) => Error {
  return (errors, dataVar) => {
    const error = mostTelling(errors);
    if (!error) return new RequestSchemaError(`${dataVar} does not match the schema`, code);
    return new RequestSchemaError(`${describe(dataVar, error)} (the API's schemas: GET /openapi.json)`, code);
  };
}
