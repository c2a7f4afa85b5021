/** The shape of parley.config.json after schema defaults are applied (see schemas/config.schema.json). */
export type ChannelConfig =
  | { type: 'whatsapp'; phoneNumberId: string; ratePerSecond?: number }
  | { type: 'messenger'; pageId: string; ratePerSecond?: number }
  | { type: 'instagram'; accountId: string; ratePerSecond?: number };

export interface TenantConfig {
  id: string;
  appSecretEnv?: string;
  verifyTokenEnv?: string;
  accessTokenEnv?: string;
  flows?: string[];
  defaultFlow?: string;
  channels: ChannelConfig[];
}

export type WindowFallback = { type: 'drop' } | { type: 'webhook'; url: string } | { type: 'template'; name: string; language: string };

export interface ParleyConfig {
  server: { host: string; port: number; bodyLimitBytes: number; trustProxy: boolean; storeTimeoutMs: number };
  /** GET /metrics access: a bearer token (by env name) and/or a separate listener; neither: open. */
  metrics?: { tokenEnv?: string; bind?: string };
  flowsDir: string;
  admin: { tokenEnv: string; passwordEnv: string; user: string };
  llm?: { baseUrl: string; model: string; apiKeyEnv?: string; timeoutMs: number; holdingMessage?: string; retryForMs: number };
  graph: { baseUrl: string; version: string; timeoutMs: number };
  send: {
    ratePerSecond: number; recipientPacingMs: number; maxAttempts: number; backoffBaseMs: number; backoffMaxMs: number;
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
export interface ResolvedTenant extends TenantConfig {
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
