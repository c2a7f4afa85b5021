/**
 * The configuration module's public face (`@parley/runtime/config`): `parley doctor` and the
 * CLI's understanding switch read the config and the environment with the runtime's own loader
 * and table, so they cannot disagree with the runtime.
 */
export { ConfigError, loadConfigFile } from './load';
export { readEnv, type EnvName, type Environment } from './environment';
export type { ChannelConfig, ParleyConfig, TenantConfig } from './types';
