/**
 * The admin/desk/ops/simulator API's request and response schemas (TypeBox), registered as the
 * runtime's Fastify route schemas and read by the studio and the CLI for their types. The
 * OpenAPI document at /openapi.json is generated from them.
 */
export * from './common';
export * from './login';
export * from './flows';
export * from './simulator';
export * from './desk';
export * from './ops';
export * from './system';
export * from './templates';
export * from './contacts';
export * from './campaigns';
