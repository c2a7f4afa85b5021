import type { FastifyReply } from 'fastify';

/** The API's error shape: `{ error: { code, message, details? } }` (+ extra top-level fields, e.g. `current`). */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const { details, ...rest } = extra;
  return reply.code(status).send({ error: { code, message, ...(details !== undefined ? { details } : {}) }, ...rest });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A path parameter as a hook sees it (hooks run for every route of a scope, so params are untyped there). */
export function pathParam(params: unknown, name: string): string | undefined {
  const value: unknown = isObject(params) ? params[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
