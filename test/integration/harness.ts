/**
 * Starts a whole runtime in-process (all roles) on real Redis (or memory) with the fake Graph
 * API wired both ways: sends go to the fake, the fake posts signed webhooks to the runtime.
 * Flows: a temp copy of the repo's flows/ plus the fixtures named; the repo's templates/ is copied
 * to <flowsDir>/templates (the test config's templatesDir), so the example flows' templates are checked.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import type { RuntimeContext } from '../../runtime/src/platform/context';
import type { Sql } from '../../runtime/src/db/sql';
import { ALL_ROLES } from '../../runtime/src/app/roles';
import { startRuntime, type RunningRuntime } from '../../runtime/src/app/runtime';
import { createMemoryStores } from '../../runtime/src/stores';
import { dropPrefix, freshClusterStores, freshRedisStores, stopLocalCluster } from '../../runtime/src/stores/contract/harness';
import { TEST_ACCESS_TOKEN, TEST_ADMIN_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../../runtime/src/testing/context';

const REPO_FLOWS = new URL('../../flows/', import.meta.url).pathname;
const REPO_TEMPLATES = new URL('../../templates/', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

export interface Stack {
  ctx: RuntimeContext;
  runtime: RunningRuntime;
  graph: FakeGraph;
  flowsDir: string;
  /** fetch against the admin API with the admin token. */
  // The tests read many different answer shapes; `any` keeps them readable (assertions check the shape).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** `redis-cluster`: a real three-master Redis Cluster started for the test file (stopped with the stack). */
export type StackStore = 'redis' | 'redis-cluster' | 'memory';

/**
 * `templates`: `approved` (default) marks every language of the example templates approved by Meta
 * for every tenant, as in an account where they were submitted and reviewed; `as-locked` keeps the
 * lock's statuses (none: not submitted), so template sends are refused and publishing is gated.
 */
export async function startStack(
  opts: {
    store?: StackStore;
    fixtures?: string[];
    config?: Record<string, unknown>;
    templates?: 'approved' | 'as-locked';
    /** Business records (contacts, consent, campaigns): `openTestDatabase()`; absent: none, as before. */
    db?: Sql;
  } = {},
): Promise<Stack> {
  const flowsDir = mkdtempSync(join(tmpdir(), 'parley-it-'));
  for (const f of readdirSync(REPO_FLOWS).filter((n) => n.endsWith('.json'))) copyFileSync(join(REPO_FLOWS, f), join(flowsDir, f));
  for (const f of opts.fixtures ?? []) copyFileSync(join(FIXTURES, f), join(flowsDir, f));
  mkdirSync(join(flowsDir, 'templates'));
  for (const f of readdirSync(REPO_TEMPLATES).filter((n) => n.endsWith('.json')))
    copyFileSync(join(REPO_TEMPLATES, f), join(flowsDir, 'templates', f));
  const stores =
    opts.store === 'memory' ? createMemoryStores() : opts.store === 'redis-cluster' ? await freshClusterStores() : await freshRedisStores();
  const ctx = createTestContext(stores, {
    flowsDir,
    config: testConfig({
      graph: { baseUrl: 'http://127.0.0.1:9', version: 'v23.0' },
      send: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 10 },
      ...opts.config,
    }),
    ...(opts.db ? { db: opts.db } : {}),
  });
  const runtime = await startRuntime(ctx, {
    roles: new Set(ALL_ROLES),
    port: 0,
    host: '127.0.0.1',
    workerConcurrency: 8,
    senderConcurrency: 16,
  });
  const graph = await startFakeGraph({
    appSecret: TEST_APP_SECRET,
    accessToken: TEST_ACCESS_TOKEN,
    webhookUrl: `${runtime.url}/webhooks/whatsapp`,
  });
  ctx.config.graph.baseUrl = graph.url;
  if (opts.templates !== 'as-locked') await approveExampleTemplates(ctx);
  return {
    ctx,
    runtime,
    graph,
    flowsDir,
    async api(method, path, body) {
      const res = await fetch(`${runtime.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep text
      }
      return { status: res.status, body: parsed };
    },
    async stop() {
      await runtime.stop();
      await graph.close();
      await dropPrefix(stores);
      await stores.close();
      if (opts.store === 'redis-cluster') await stopLocalCluster();
    },
  };
}

export interface SimulatorStream {
  /** Every `data:` event received so far, in order. */
  events: Array<{ type: string; status?: string; message?: { text?: string }; nodeId?: string }>;
  close(): Promise<void>;
}

/** Opens a simulator session's SSE stream and collects its events. */
export async function openSimulatorStream(stack: Stack, sessionId: string): Promise<SimulatorStream> {
  const controller = new AbortController();
  const res = await fetch(`${stack.runtime.url}/api/simulator/sessions/${sessionId}/events`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SimulatorStream['events'] = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (chunk.startsWith('data: ')) events.push(JSON.parse(chunk.slice(6)) as SimulatorStream['events'][number]);
      }
    }
  })();
  return {
    events,
    async close() {
      controller.abort();
      await pump;
    },
  };
}

async function approveExampleTemplates(ctx: RuntimeContext): Promise<void> {
  const service = ctx.templates;
  if (!service?.enabled()) return;
  for (const tenant of ctx.tenants)
    for (const { name, template } of service.files())
      for (const language of Object.keys(template?.languages ?? {}))
        await service.apply(tenant.id, {
          kind: 'status',
          wabaId: 'test-waba',
          templateId: `test-${name}-${language}`,
          name,
          language,
          status: 'approved',
          at: ctx.now(),
        });
}
