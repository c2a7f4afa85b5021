/** Builds a RuntimeContext for tests: real stores (memory or Redis), a silent logger, a temp flows folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeContext } from '../platform/context';
import { createLogger } from '../platform/logger';
import { createMetrics } from '../platform/metrics';
import { buildRoutes, validateConfig } from '../config/load';
import { resolveConfig } from '../config/resolve';
import { FlowRegistry } from '../flows/registry';
import { SimulatorHub } from '../simulator/hub';
import { createFlowFetch } from '../worker/flow-fetch';
import type { Sql } from '../db/sql';
import type { Stores } from '../stores';

export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';
export const TEST_ACCESS_TOKEN = 'test-access-token';
export const TEST_PHONE_NUMBER_ID = '106540352242922';
export const TEST_ADMIN_TOKEN = 'test-admin-token';

export function testConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    flowsDir: 'flows',
    tenants: [
      {
        id: 'demo',
        appSecretEnv: 'T_APP_SECRET',
        verifyTokenEnv: 'T_VERIFY_TOKEN',
        accessTokenEnv: 'T_ACCESS_TOKEN',
        channels: [
          { type: 'whatsapp', phoneNumberId: TEST_PHONE_NUMBER_ID },
          { type: 'messenger', pageId: '1234567890' },
        ],
      },
    ],
    ...overrides,
  };
}

/** `fetch` also serves flow http nodes unless `flowFetch` is given (tests mock the network); by default flows get the guarded fetch. */
/**
 * `env`: what the config is resolved against (default: this process's environment plus the test
 * tenant's secrets, so a test can name its own variables). The config stays mutable: tests tweak it.
 */
export function createTestContext(
  stores: Stores,
  opts: {
    config?: Record<string, unknown>;
    flowsDir?: string;
    fetch?: typeof fetch;
    flowFetch?: typeof fetch;
    env?: Record<string, string | undefined>;
    /** Business records (contacts, consent, campaigns): `openTestDatabase()` from db/testing.ts. */
    db?: Sql;
  } = {},
): RuntimeContext {
  const dir = opts.flowsDir ?? mkdtempSync(join(tmpdir(), 'parley-flows-'));
  const env = opts.env ?? {
    ...process.env,
    T_APP_SECRET: TEST_APP_SECRET,
    T_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    T_ACCESS_TOKEN: TEST_ACCESS_TOKEN,
  };
  const { config } = resolveConfig(validateConfig(opts.config ?? testConfig()), { env, baseDir: dir, mutable: true });
  const { tenants } = config;
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const metrics = createMetrics();
  return {
    config,
    tenants,
    routes: buildRoutes(tenants, config.send.ratePerSecond),
    stores,
    ...(opts.db ? { db: opts.db } : {}),
    log,
    metrics,
    flows: new FlowRegistry({ dir, store: stores.flowVersions, log }),
    simulator: new SimulatorHub(),
    fetch: opts.fetch ?? globalThis.fetch,
    flowFetch: opts.flowFetch ?? opts.fetch ?? createFlowFetch({ allowPrivate: config.http?.allowPrivateNetworks === true }),
    now: Date.now,
    admin: { token: TEST_ADMIN_TOKEN, password: 'test-password', user: 'admin' },
  };
}
