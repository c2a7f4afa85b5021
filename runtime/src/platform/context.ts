/** Everything a runtime role needs, built once per process by main.ts (or by a test). */
import type { SentenceEncoder } from '@parley/nlu';
import type { Logger } from 'pino';
import type { ChannelRoute, ResolvedConfig, ResolvedTenant } from '../config/types';
import type { FlowRegistry } from '../flows/registry';
import type { SimulatorHub } from '../simulator/hub';
import type { Sql } from '../db/sql';
import type { Stores } from '../stores';
import type { TemplateService } from '../templates/service';
import type { RuntimeMetrics } from './metrics';

export interface RuntimeContext {
  /** The config file + environment, resolved once (config/resolve.ts): nothing reads process.env. */
  config: ResolvedConfig;
  /** = config.tenants (the secrets resolved): kept as a field because every module that routes or sends reads it. */
  tenants: ResolvedTenant[];
  /** Routing key (phone number id / page id / IG account id) → tenant + channel. */
  routes: Map<string, ChannelRoute>;
  stores: Stores;
  /**
   * PostgreSQL or embedded PGlite: contacts, consent, segments, campaigns, audit. Absent (tests
   * that do not need them): contacts are not recorded, campaigns are off, and marketing sends are
   * checked against nothing but the templates' status.
   */
  db?: Sql;
  log: Logger;
  metrics: RuntimeMetrics;
  flows: FlowRegistry;
  simulator: SimulatorHub;
  /** Outbound HTTP to what the operator configured (Graph API, LLM, alert and helpdesk webhooks); injectable for tests. */
  fetch: typeof fetch;
  /** Outbound HTTP asked for by flow content (http nodes): private and reserved addresses refused (worker/flow-fetch.ts). */
  flowFetch: typeof fetch;
  now: () => number;
  /** Pretrained word vectors for the NLU classifier (loaded once at start; undefined = n-grams only). */
  nluEncoder?: SentenceEncoder;
  /** Message templates (templates/ + lock + live status); absent or disabled = template nodes send unchecked, as before. */
  templates?: TemplateService;
  /** Admin token / password (read from the env names in the config). */
  admin: { token?: string; password?: string; user: string };
}

export const WEBHOOK_DEDUPE_TTL_SEC = 48 * 3600;
/** Message states are kept for a week: late `failed` statuses arrive within days at most. */
export const MESSAGE_STATE_TTL_SEC = 7 * 24 * 3600;
