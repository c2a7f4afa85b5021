/** The shape of parley.config.json after schema defaults are applied (see schemas/config.schema.json). */
export type ChannelConfig =
  /** `wabaId`: the WhatsApp Business Account whose templates this tenant submits and whose template webhooks it receives. */
  | { type: 'whatsapp'; phoneNumberId: string; wabaId?: string; ratePerSecond?: number }
  | { type: 'messenger'; pageId: string; ratePerSecond?: number }
  | { type: 'instagram'; accountId: string; ratePerSecond?: number };

export interface TenantConfig {
  id: string;
  appSecretEnv?: string;
  verifyTokenEnv?: string;
  accessTokenEnv?: string;
  /** The Meta app id (template header media is uploaded through it). */
  appId?: string;
  flows?: string[];
  defaultFlow?: string;
  channels: ChannelConfig[];
  /** Overrides of the top-level marketing rules, field by field. */
  marketing?: Partial<MarketingConfig>;
}

/** Per-language word lists / texts, keyed like template languages (en, es, pt_BR). */
type ByLanguage<T> = Record<string, T>;

/** What the send plane enforces on marketing sends (schemas/config.schema.json `$defs.marketing`). */
export interface MarketingConfig {
  /** Held between start and end (HH:mm) in the contact's time zone. */
  quietHours?: { start: string; end: string };
  frequencyCaps: Array<{ max: number; hours: number }>;
  requireOptIn: boolean;
  optOutKeywords?: ByLanguage<string[]>;
  optInKeywords?: ByLanguage<string[]>;
  confirmations?: { optOut?: ByLanguage<string>; optIn?: ByLanguage<string> };
  defaultCountry?: string;
  autoPause: { minSends: number; failureRate: number };
}

export type WindowFallback = { type: 'drop' } | { type: 'webhook'; url: string } | { type: 'template'; name: string; language: string };

export interface ParleyConfig {
  server: { host: string; port: number; bodyLimitBytes: number; trustProxy: boolean; storeTimeoutMs: number };
  /** Redis layout (the URL itself only comes from REDIS_URL: it can carry a password). */
  redis: { prefix: string; cluster: boolean; shards?: number };
  /** PostgreSQL (the URL itself only comes from DATABASE_URL); `pgliteDir`: embedded PGlite's data folder. */
  database: { pgliteDir?: string; poolSize: number };
  /** Marketing rules every tenant inherits (a tenant's `marketing` overrides fields). */
  marketing: MarketingConfig;
  /** GET /metrics access: a bearer token (by env name) and/or a separate listener; neither: open. */
  metrics?: { tokenEnv?: string; bind?: string };
  flowsDir: string;
  /** Folder of template files and the lock, relative to the config file; missing or empty: templates off. */
  templatesDir: string;
  /** `syncIntervalSec`: the periodic pull of template statuses from Meta (0 = off). */
  templates: { syncIntervalSec: number };
  admin: { tokenEnv: string; passwordEnv: string; user: string };
  llm?: { baseUrl: string; model: string; apiKeyEnv?: string; timeoutMs: number; holdingMessage?: string; retryForMs: number };
  graph: { baseUrl: string; version: string; timeoutMs: number };
  send: {
    ratePerSecond: number;
    recipientPacingMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    windowFallback?: WindowFallback;
  };
  alerts?: { webhookUrl?: string };
  /** Where the agent desk announces handoffs and the user's messages during them (a helpdesk adapter). */
  handoff?: { webhookUrl?: string };
  /** Flow http nodes: private and reserved addresses are refused unless allowPrivateNetworks (development only). */
  http?: { allowPrivateNetworks?: boolean };
  sessions: { ttlSeconds: number };
  /** An inbox or outbox item that fails this often (exceptions, not Graph errors) is dead-lettered. Default 5. */
  reliability: { maxItemFailures: number };
  tenants: TenantConfig[];
}

/** A tenant with its secrets read from the environment (values never logged). */
export interface ResolvedTenant extends Omit<TenantConfig, 'marketing'> {
  /** The top-level rules with the tenant's overrides applied (absent in hand-built test tenants: use the top level). */
  marketing?: MarketingConfig;
  appSecret?: string;
  verifyToken?: string;
  accessToken?: string;
}

/** A routing key a webhook carries (phone number id, page id, IG account id) → its tenant and channel. */
export interface ChannelRoute {
  tenant: ResolvedTenant;
  channel: ChannelConfig;
  /** The key a webhook carries for this channel. */
  routingKey: string;
  ratePerSecond: number;
}

/**
 * Everything a runtime process runs with, resolved once by `resolveConfig()` (resolve.ts): the
 * config file with its defaults, the environment's overrides (PORT, the Redis variables, …) and
 * the secrets read from the variables the file names. Modules receive this object (or a slice);
 * none of them reads `process.env`. The secret fields are plain values: never log this object.
 */
export interface ResolvedConfig extends Omit<ParleyConfig, 'admin' | 'llm' | 'metrics' | 'redis' | 'database' | 'tenants'> {
  /** Folder of the config file: flowsDir is relative to it. */
  baseDir: string;
  /** `token` / `password`: the values of admin.tokenEnv / admin.passwordEnv (either may be unset). */
  admin: ParleyConfig['admin'] & { token?: string; password?: string };
  /** `apiKey`: the value of llm.apiKeyEnv. */
  llm?: NonNullable<ParleyConfig['llm']> & { apiKey?: string };
  /** `token`: the value of metrics.tokenEnv (unset while tokenEnv is set: /metrics refuses everyone). */
  metrics?: NonNullable<ParleyConfig['metrics']> & { token?: string };
  /** `url` undefined: in-memory stores. */
  redis: ParleyConfig['redis'] & { url?: string };
  /** `url` undefined: embedded PGlite (in `pgliteDir`, resolved against baseDir, or in memory). */
  database: ParleyConfig['database'] & { url?: string };
  /** Pretrained word vectors for the classifier (PARLEY_NLU_VECTORS=0 turns them off). */
  nlu: { vectors: boolean };
  /** pino level. */
  logLevel: LogLevel;
  /** Worker lease override in ms (undefined: the worker's default). */
  workLeaseMs?: number;
  tenants: ResolvedTenant[];
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
