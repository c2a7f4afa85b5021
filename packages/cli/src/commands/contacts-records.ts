/**
 * Where `parley contacts …` and `parley db migrate` find the records: the config (optional:
 * --config, $PARLEY_CONFIG or parley.config.json) resolved against the environment, the database
 * (DATABASE_URL, else the config's database.pgliteDir) and, for export and erase, Redis
 * (REDIS_URL; without it nothing of a conversation is held anywhere this command can reach).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfigFile } from '@parley/runtime/config';
import {
  createMemoryStores,
  createRedisStores,
  openDatabase,
  redactUrl,
  resolveConfig,
  type ResolvedConfig,
  type Sql,
  type Stores,
} from '@parley/runtime/records';
import { stringOption, type OptionSpec, type Parsed } from '../args';
import { CliError, UsageError } from '../errors';
import { displayPath } from '../files';
import type { Io } from '../io';

export const RECORDS_OPTIONS: OptionSpec = {
  config: { type: 'string' },
  tenant: { type: 'string' },
  json: { type: 'boolean' },
};

export const RECORDS_HELP = `  --config <file>  the config (default: $PARLEY_CONFIG or parley.config.json, when it exists)
  --tenant <id>    whose contacts (default: the config's first tenant)
  --json           print the result as JSON
The database is DATABASE_URL, else the config's database.pgliteDir (embedded PGlite).`;

export interface RecordsTarget {
  /** The config resolved against the environment (null: no config file). */
  config: ResolvedConfig | null;
  tenant: string;
  /** Where the records are, for messages (never a password). */
  database: { url?: string; pgliteDir?: string; poolSize: number };
}

/** The config, the tenant and the database to open; a precise error when there is no database to open. */
export function recordsTarget(command: string, args: Parsed, io: Io, opts: { needsTenant: boolean }): RecordsTarget {
  const explicit = stringOption(args, 'config') ?? io.env.PARLEY_CONFIG;
  const path = resolve(io.cwd, explicit ?? 'parley.config.json');
  let config: ResolvedConfig | null = null;
  if (explicit || existsSync(path)) {
    try {
      const { config: file, baseDir } = loadConfigFile(path, displayPath(path, io.cwd));
      config = resolveConfig(file, { env: io.env, baseDir }).config;
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`parley ${command}: ${error.message}`);
      throw error;
    }
  }
  const wanted = stringOption(args, 'tenant');
  let tenant = wanted;
  if (config) {
    if (wanted !== undefined && !config.tenants.some((t) => t.id === wanted))
      throw new UsageError(
        `parley ${command}: no tenant "${wanted}" in the config; its tenants are ${config.tenants.map((t) => t.id).join(', ')}`,
      );
    tenant ??= config.tenants[0]?.id;
  }
  if (opts.needsTenant && !tenant) throw new UsageError(`parley ${command}: which tenant? Give --tenant <id> (no config file names one)`);
  const database = config?.database ?? { poolSize: 2, ...(io.env.DATABASE_URL ? { url: io.env.DATABASE_URL } : {}) };
  if (!database.url && !database.pgliteDir)
    throw new CliError(
      `parley ${command}: no database to open: set DATABASE_URL (PostgreSQL), or database.pgliteDir in the config for the embedded database the runtime uses`,
    );
  return { config, tenant: tenant ?? '', database };
}

export interface OpenedRecords {
  sql: Sql;
  /** Where the records are (never a password). */
  description: string;
  /** Migrations this open applied. */
  applied: string[];
  close(): Promise<void>;
}

export async function openRecords(command: string, target: RecordsTarget): Promise<OpenedRecords> {
  try {
    const opened = await openDatabase({ ...target.database, poolSize: Math.min(target.database.poolSize, 4) }, Date.now());
    return { ...opened, close: () => opened.sql.close() };
  } catch (error) {
    throw new CliError(`parley ${command}: ${(error as Error).message}`);
  }
}

/** The conversations' store: Redis when REDIS_URL is set; else memory (empty), and `warning` says so. */
export async function openStores(command: string, target: RecordsTarget, io: Io): Promise<{ stores: Stores; warning?: string }> {
  const url = target.config?.redis.url ?? io.env.REDIS_URL;
  if (!url)
    return {
      stores: createMemoryStores(),
      warning: 'REDIS_URL is not set: the conversation state kept in Redis (session, messages, desk transcript) was not reached',
    };
  const redis = target.config?.redis;
  try {
    return {
      stores: await createRedisStores({
        url,
        ...(redis
          ? { prefix: redis.prefix, cluster: redis.cluster, ...(redis.shards ? { shards: redis.shards } : {}) }
          : io.env.PARLEY_REDIS_PREFIX
            ? { prefix: io.env.PARLEY_REDIS_PREFIX }
            : {}),
      }),
    };
  } catch (error) {
    throw new CliError(`parley ${command}: ${(error as Error).message.replace(url, redactUrl(url))}`);
  }
}
