/**
 * @parley/runtime — the live service. Nothing in the repo imports it except its own tests,
 * the benchmarks and the reliability suite; `main.ts` is the entry point (`npm start`).
 */
export type { RuntimeContext } from './platform/context';
export { startRuntime, type RunningRuntime, type StartOptions } from './app/runtime';
export { parseRoles, ALL_ROLES, type Role } from './app/roles';
export { loadConfigFile, validateConfig, ConfigError } from './config/load';
export type { ParleyConfig } from './config/types';
export * from './conversation';
export * from './stores';
