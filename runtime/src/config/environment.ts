/**
 * Every environment variable Parley reads, declared once: what it sets, whether it is a secret,
 * its default and how its text is read. The loader (resolve.ts) reads the environment only
 * through this table, `parley doctor` reads the same entries, and the table in
 * docs/operations.md is generated from it (env-doc.ts; a test fails when they differ).
 */
import { ConfigError } from './load';
import { LOG_LEVELS, type LogLevel } from './types';

export type Environment = Readonly<Record<string, string | undefined>>;

/** One variable as people read it in docs/operations.md. */
interface EnvVariable {
  /** What it sets: a config path (`redis.prefix`) or a command-line flag (`--port`). */
  sets: string;
  /** A secret's value never appears in a message or a log line. */
  secret: boolean;
  /** What applies when it is unset (or empty). */
  default: string;
  meaning: string;
}

/** The value each variable is read into. */
interface EnvValues {
  PARLEY_CONFIG: string;
  PARLEY_ROLE: string;
  PORT: number;
  REDIS_URL: string;
  DATABASE_URL: string;
  PARLEY_REDIS_PREFIX: string;
  REDIS_CLUSTER: boolean;
  PARLEY_REDIS_SHARDS: number;
  PARLEY_WORK_LEASE_MS: number;
  PARLEY_NLU_VECTORS: boolean;
  LOG_LEVEL: LogLevel;
  PARLEY_GRAPH_URL: string;
}

export type EnvName = keyof EnvValues;

/** `parse` throws an Error whose message completes "<NAME> …" (the caller names the variable). */
type EnvTable = { readonly [N in EnvName]: EnvVariable & { parse(raw: string): EnvValues[N] } };

function integerFrom(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || value < min || value > max) throw new Error(`must be an integer from ${min} to ${max}`);
    return value;
  };
}

function yesOrNo(raw: string): boolean {
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new Error('must be true or false (1/0, yes/no)');
}

function url(protocols: readonly string[]): (raw: string) => string {
  return (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`must be a URL (${protocols.join(' or ')}//…)`);
    }
    if (!protocols.includes(parsed.protocol)) throw new Error(`must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return raw;
  };
}

const text = (raw: string): string => raw;

export const ENVIRONMENT: EnvTable = {
  PARLEY_CONFIG: {
    sets: '--config',
    secret: false,
    default: '`parley.config.json`',
    parse: text,
    meaning: 'the config file (the `--config` flag wins); `parley doctor` reads it too.',
  },
  PARLEY_ROLE: {
    sets: '--role',
    secret: false,
    default: '`all`',
    parse: text,
    meaning:
      'the roles of this process: `all` or a comma-separated list of `ingress`, `worker`, `scheduler`, `sender` (the `--role` flag wins).',
  },
  PORT: {
    sets: 'server.port',
    secret: false,
    default: '`server.port` (3000)',
    parse: integerFrom(0, 65535),
    meaning: 'the HTTP port (the `--port` flag wins).',
  },
  REDIS_URL: {
    sets: 'redis.url',
    secret: true,
    default: 'in-memory stores (nothing durable)',
    parse: url(['redis:', 'rediss:']),
    meaning: 'Redis to use (e.g. `redis://:password@host:6379/0`); a secret because it can carry the password.',
  },
  DATABASE_URL: {
    sets: 'database.url',
    secret: true,
    default: 'embedded PGlite (in `database.pgliteDir`, else in memory)',
    parse: url(['postgres:', 'postgresql:']),
    meaning:
      'PostgreSQL for contacts, consent, segments, campaigns and the audit log (e.g. `postgres://parley@127.0.0.1:5432/parley`); a secret because it can carry the password.',
  },
  PARLEY_REDIS_PREFIX: {
    sets: 'redis.prefix',
    secret: false,
    default: '`redis.prefix` (`parley:`)',
    parse: text,
    meaning: 'key prefix: several installations can share one Redis.',
  },
  REDIS_CLUSTER: {
    sets: 'redis.cluster',
    secret: false,
    default: '`redis.cluster` (false)',
    parse: yesOrNo,
    meaning: '`true`: `REDIS_URL` is one node of a Redis Cluster (the others are discovered). The same scripts run; see "Redis keys".',
  },
  PARLEY_REDIS_SHARDS: {
    sets: 'redis.shards',
    secret: false,
    default: '`redis.shards` (8)',
    parse: integerFrom(1, 1024),
    meaning:
      'hash slots conversations are spread over (1–1024). Fixed for the life of the data: recorded under `<prefix>layout`, and a process started with another value refuses to start. On a cluster, use at least the number of masters (e.g. 16–64).',
  },
  PARLEY_WORK_LEASE_MS: {
    sets: 'workLeaseMs',
    secret: false,
    default: '15000 (also for 0)',
    parse: integerFrom(0, 86_400_000),
    meaning: "worker lease: how long a dead worker's conversations wait before another worker takes them.",
  },
  PARLEY_NLU_VECTORS: {
    sets: 'nlu.vectors',
    secret: false,
    default: 'on',
    parse: (raw) => raw !== '0',
    meaning:
      "`0` turns the classifier's pretrained word vectors off (faster start, lower accuracy); `parley test`, `chat` and `nlu eval` follow it too.",
  },
  LOG_LEVEL: {
    sets: 'logLevel',
    secret: false,
    default: '`info`',
    parse: (raw) => {
      const level = LOG_LEVELS.find((l) => l === raw);
      if (!level) throw new Error(`must be one of ${LOG_LEVELS.join(', ')}`);
      return level;
    },
    meaning: 'pino log level.',
  },
  PARLEY_GRAPH_URL: {
    sets: 'parley doctor --graph-url',
    secret: false,
    default: '`graph.baseUrl`',
    parse: url(['http:', 'https:']),
    meaning: 'the Graph API `parley doctor` checks tokens against (the runtime uses `graph.baseUrl`).',
  },
};

/** The variable's value, read by its table entry; undefined when unset or empty. Errors name the variable (never a secret's value). */
export function readEnv<N extends EnvName>(env: Environment, name: N): EnvValues[N] | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const spec: EnvTable[N] = ENVIRONMENT[name];
  try {
    return spec.parse(raw);
  } catch (err) {
    const got = spec.secret ? '' : `, got "${raw}"`;
    throw new ConfigError(`environment variable ${name} ${(err as Error).message}${got}`);
  }
}

/** A config field that NAMES the variable holding a secret (the file never holds the value). */
export interface NamedSecret {
  /** The `…Env` field of parley.config.json. */
  field: string;
  /** Where the resolved value lands in ResolvedConfig. */
  sets: string;
  /** The variable named when the field is absent. */
  defaultName?: string;
  meaning: string;
}

/** The secrets of each tenant: `…Env` field → resolved field (resolve.ts reads them in this order). */
export const TENANT_SECRETS = [
  { nameField: 'appSecretEnv', valueField: 'appSecret', meaning: 'Meta app secret: verifies X-Hub-Signature-256 on webhooks.' },
  { nameField: 'verifyTokenEnv', valueField: 'verifyToken', meaning: "the webhook verify token for Meta's GET handshake." },
  { nameField: 'accessTokenEnv', valueField: 'accessToken', meaning: 'system-user access token for the Graph API.' },
] as const;

export const NAMED_SECRETS: readonly NamedSecret[] = [
  {
    field: 'admin.tokenEnv',
    sets: 'admin.token',
    defaultName: 'PARLEY_ADMIN_TOKEN',
    meaning: 'bearer token of the admin API and the studio sign-in.',
  },
  {
    field: 'admin.passwordEnv',
    sets: 'admin.password',
    defaultName: 'PARLEY_ADMIN_PASSWORD',
    meaning: 'studio sign-in password. Neither token nor password set: a one-time token is printed on stderr.',
  },
  { field: 'llm.apiKeyEnv', sets: 'llm.apiKey', meaning: 'bearer key of the LLM endpoint (understanding tier and flow llm steps).' },
  {
    field: 'metrics.tokenEnv',
    sets: 'metrics.token',
    meaning: 'bearer token GET /metrics requires; named but unset: /metrics refuses every request.',
  },
  ...TENANT_SECRETS.map((s) => ({ field: `tenants[].${s.nameField}`, sets: `tenants[].${s.valueField}`, meaning: s.meaning })),
];
