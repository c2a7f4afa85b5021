/**
 * @parley/contract — the shapes Parley's packages share (see README.md). Imports nothing but
 * typebox, so every package, the runtime and the studio can depend on it without a circle.
 * Shapes that travel over the HTTP API are TypeBox schemas with a same-named type.
 */
export * from './channels';
export * from './messages';
export * from './understanding';
export * from './session-status';
export * from './validation-issue';
export * from './simulator-events';
export * from './content-hash';
export * from './whatsapp-limits';
export * from './schema-problem';
export * from './templates';
export * from './window';
export type * from './declarations';
export type * from './expectations';
export * from './audience';
