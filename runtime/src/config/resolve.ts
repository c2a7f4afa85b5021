/**
 * The one place configuration is resolved: parley.config.json (validated, defaults filled by
 * load.ts) plus the environment (read through the table in environment.ts) → one frozen
 * ResolvedConfig. Every other module receives that object, or the slice it needs; none reads
 * `process.env`. A bad value stops the process with a ConfigError naming the variable or field.
 */
import { resolve as resolvePath } from 'node:path';
import { readEnv, TENANT_SECRETS, type Environment } from './environment';
import { loadConfigFile } from './load';
import type { MarketingConfig, ParleyConfig, ResolvedConfig, ResolvedTenant, TenantConfig } from './types';

export interface ResolveOptions {
  env: Environment;
  /** Folder of the config file: flowsDir is relative to it. */
  baseDir: string;
  /** Tests change settings of a context after building it; everything else gets a frozen object. */
  mutable?: boolean;
}

export interface Resolved {
  config: ResolvedConfig;
  /** Secrets the config names that are not set (by name, never by value): main.ts logs them. */
  warnings: string[];
}

/** Reads parley.config.json at `path` and resolves it against `env`. */
export function loadResolvedConfig(path: string, env: Environment): Resolved {
  const { config, baseDir } = loadConfigFile(path);
  return resolveConfig(config, { env, baseDir });
}

export function resolveConfig(file: ParleyConfig, opts: ResolveOptions): Resolved {
  const { env } = opts;
  const warnings: string[] = [];
  const tenants = file.tenants.map((tenant) => resolveTenant(tenant, file.marketing, env, warnings));
  const port = readEnv(env, 'PORT');
  const shards = readEnv(env, 'PARLEY_REDIS_SHARDS') ?? file.redis.shards;
  const url = readEnv(env, 'REDIS_URL');
  const databaseUrl = readEnv(env, 'DATABASE_URL');
  const leaseMs = readEnv(env, 'PARLEY_WORK_LEASE_MS');
  const adminToken = valueOf(env, file.admin.tokenEnv);
  const adminPassword = valueOf(env, file.admin.passwordEnv);
  const llmKey = valueOf(env, file.llm?.apiKeyEnv);
  const metricsToken = valueOf(env, file.metrics?.tokenEnv);
  const config: ResolvedConfig = {
    ...structuredClone(file),
    baseDir: opts.baseDir,
    server: { ...file.server, ...(port !== undefined ? { port } : {}) },
    admin: { ...file.admin, ...(adminToken ? { token: adminToken } : {}), ...(adminPassword ? { password: adminPassword } : {}) },
    ...(file.llm ? { llm: { ...file.llm, ...(llmKey ? { apiKey: llmKey } : {}) } } : {}),
    ...(file.metrics ? { metrics: { ...file.metrics, ...(metricsToken ? { token: metricsToken } : {}) } } : {}),
    redis: {
      prefix: readEnv(env, 'PARLEY_REDIS_PREFIX') ?? file.redis.prefix,
      cluster: readEnv(env, 'REDIS_CLUSTER') ?? file.redis.cluster,
      ...(shards !== undefined ? { shards } : {}),
      ...(url ? { url } : {}),
    },
    database: {
      poolSize: file.database.poolSize,
      ...(file.database.pgliteDir ? { pgliteDir: resolvePath(opts.baseDir, file.database.pgliteDir) } : {}),
      ...(databaseUrl ? { url: databaseUrl } : {}),
    },
    nlu: { vectors: readEnv(env, 'PARLEY_NLU_VECTORS') ?? true },
    logLevel: readEnv(env, 'LOG_LEVEL') ?? 'info',
    // 0 keeps the worker's default, as it always has.
    ...(leaseMs ? { workLeaseMs: leaseMs } : {}),
    tenants,
  };
  return { config: opts.mutable ? config : deepFreeze(config), warnings };
}

/** The value of the variable a config field names; undefined when the field or the variable is unset. */
function valueOf(env: Environment, name: string | undefined): string | undefined {
  return (name && env[name]) || undefined;
}

function resolveTenant(tenant: TenantConfig, marketing: MarketingConfig, env: Environment, warnings: string[]): ResolvedTenant {
  const { marketing: own, ...rest } = structuredClone(tenant);
  const resolved: ResolvedTenant = { ...rest, marketing: { ...structuredClone(marketing), ...own } };
  for (const { nameField, valueField } of TENANT_SECRETS) {
    const name = tenant[nameField];
    if (!name) continue;
    const value = valueOf(env, name);
    if (value) resolved[valueField] = value;
    else warnings.push(`tenant ${tenant.id}: environment variable ${name} (${nameField}) is not set`);
  }
  return resolved;
}

/** Frozen all the way down: a module that tries to change the configuration fails loudly instead of changing it for everyone. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
