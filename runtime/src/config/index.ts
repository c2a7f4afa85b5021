/**
 * The configuration module's public face (`@parley/runtime/config`): `parley doctor` reads the
 * config and the environment with the runtime's own loader, so the two cannot disagree.
 */
export { ConfigError, buildRoutes, describeAjvError, loadConfigFile, routingKeyOf, validateConfig } from './load';
export { loadResolvedConfig, resolveConfig, type Resolved, type ResolveOptions } from './resolve';
export { ENVIRONMENT, NAMED_SECRETS, TENANT_SECRETS, readEnv, type EnvName, type EnvVariable, type Environment, type NamedSecret } from './environment';
export type { ChannelConfig, ChannelRoute, ParleyConfig, ResolvedConfig, ResolvedTenant, TenantConfig } from './types';
