/**
 * `npm start` → `tsx runtime/src/main.ts [--config parley.config.json] [--role all|ingress,worker,scheduler,sender] [--port N]`.
 * With REDIS_URL: Redis stores. Without: in-memory stores and a loud warning (nothing durable).
 * A bad config or flag prints one clear message and exits 1 (no stack trace).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RuntimeContext } from './platform/context';
import { createLogger } from './platform/logger';
import { createMetrics } from './platform/metrics';
import { parseRoles } from './app/roles';
import { startRuntime } from './app/runtime';
import { readEnv } from './config/environment';
import { ConfigError, buildRoutes } from './config/load';
import { loadResolvedConfig } from './config/resolve';
import { FlowRegistry } from './flows/registry';
import { SimulatorHub } from './simulator/hub';
import { createMemoryStores, createRedisStores, redactUrl } from './stores';
import { createFlowFetch } from './worker/flow-fetch';
import { STUDIO_DIST } from './admin/studio-static';
import type { Stores } from './stores';
import { openDatabase } from './db/open';
import type { Sql } from './db/sql';

/** The warning box for embedded PGlite: `where` is "data in <dir>" or "IN MEMORY: lost on exit". */
function databaseWarning(where: string): string {
  const line = (text: string) => `#  ${text.padEnd(72)}#`;
  return [
    '',
    '#'.repeat(76),
    line('DATABASE_URL is not set: contacts, consent, segments and campaigns live'),
    line(`in EMBEDDED PGlite (${where}).`),
    line('Set DATABASE_URL=postgres://user@host:5432/db for anything but a demo.'),
    '#'.repeat(76),
    '',
  ].join('\n');
}

const WARNING = `
############################################################################
#  REDIS_URL is not set: Parley runs on IN-MEMORY stores.                   #
#  NOTHING IS DURABLE: conversations, queues, timers and published          #
#  versions are lost on restart, and processes cannot share work.          #
#  Set REDIS_URL=redis://127.0.0.1:6379 for anything but a local demo.      #
############################################################################
`;

function fail(message: string): never {
  process.stderr.write(`parley: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        // The only environment reads outside the config loader: the flags' defaults (the table in config/environment.ts declares them).
        config: { type: 'string', default: readEnv(process.env, 'PARLEY_CONFIG') ?? 'parley.config.json' },
        role: { type: 'string', multiple: true, default: [readEnv(process.env, 'PARLEY_ROLE') ?? 'all'] },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-watch': { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  let roles;
  try {
    roles = parseRoles(args.role ?? ['all']);
  } catch (err) {
    fail((err as Error).message);
  }
  let resolved;
  try {
    resolved = loadResolvedConfig(resolve(args.config ?? 'parley.config.json'), process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const { config, warnings } = resolved;
  const log = createLogger({ level: config.logLevel });
  for (const w of warnings) log.warn(w);

  let stores: Stores;
  const { url: redisUrl, prefix, cluster, shards } = config.redis;
  if (redisUrl) {
    try {
      stores = await createRedisStores({ url: redisUrl, prefix, cluster, ...(shards !== undefined ? { shards } : {}) });
    } catch (err) {
      fail((err as Error).message);
    }
    log.info({ redis: redactUrl(redisUrl) }, 'using Redis stores');
  } else {
    process.stderr.write(WARNING);
    log.warn('in-memory stores: nothing is durable');
    stores = createMemoryStores();
  }

  let db: Sql;
  try {
    const opened = await openDatabase(config.database, Date.now());
    db = opened.sql;
    if (!config.database.url)
      process.stderr.write(databaseWarning(config.database.pgliteDir ? `data in ${config.database.pgliteDir}` : 'IN MEMORY: lost on exit'));
    log.info({ database: opened.description, migrated: opened.applied }, 'business records database ready');
  } catch (err) {
    fail((err as Error).message);
  }

  const { token: adminToken, password: adminPassword } = config.admin;
  let token = adminToken;
  if (!adminToken && !adminPassword) {
    token = randomBytes(18).toString('base64url');
    process.stderr.write(
      `parley: neither ${config.admin.tokenEnv} nor ${config.admin.passwordEnv} is set; this run's admin token is: ${token}\n`,
    );
  }
  const metrics = createMetrics({ defaultMetrics: true });
  const port = args.port !== undefined ? Number(args.port) : config.server.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${args.port}"`);
  const ctx: RuntimeContext = {
    config,
    tenants: config.tenants,
    routes: buildRoutes(config.tenants, config.send.ratePerSecond),
    stores,
    db,
    log,
    metrics,
    flows: new FlowRegistry({
      dir: resolve(config.baseDir, config.flowsDir),
      store: stores.flowVersions,
      log,
      onIssues: (flow, n) => metrics.flowLoadIssues.set({ flow }, n),
    }),
    simulator: new SimulatorHub(),
    fetch: globalThis.fetch,
    flowFetch: createFlowFetch({ allowPrivate: config.http?.allowPrivateNetworks === true }),
    now: Date.now,
    admin: { ...(token ? { token } : {}), ...(adminPassword ? { password: adminPassword } : {}), user: config.admin.user },
  };
  let runtime;
  try {
    const leaseMs = config.workLeaseMs;
    runtime = await startRuntime(ctx, {
      roles,
      port,
      ...(args.host ? { host: args.host } : {}),
      watch: !args['no-watch'],
      ...(leaseMs ? { workLeaseMs: leaseMs } : {}),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(e.code === 'EADDRINUSE' ? `port ${port} is already in use (set --port or PORT)` : `could not start: ${e.message}`);
  }
  process.stdout.write(`parley: listening on ${runtime.url} (roles: ${[...roles].join(', ')}; store: ${stores.kind})\n`);
  if (existsSync(STUDIO_DIST))
    process.stdout.write(`parley: studio at ${runtime.url}/studio/ (sign in with the admin token or password)\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 20 s: exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    runtime
      .stop()
      .then(() => stores.close())
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
