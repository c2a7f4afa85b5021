/**
 * Runs the runtime as real OS processes (`node --import tsx runtime/src/main.ts --role …`)
 * against one Redis, so tests can kill -9 them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processDatabaseUrl } from '@parley/runtime/testing/database';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SECRETS = {
  RT_APP_SECRET: 'rel-app-secret',
  RT_VERIFY_TOKEN: 'rel-verify',
  RT_ACCESS_TOKEN: 'rel-access-token',
  RT_ADMIN_TOKEN: 'rel-admin',
};
export const PHONE_NUMBER_ID = '106540352242922';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A config + flows folder (the repo flows are not needed: only the named fixtures). */
export function writeSetup(graphUrl: string, fixtures: string[], tenantExtra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-rel-'));
  const flows = join(dir, 'flows');
  const fixtureDir = join(ROOT, 'test/integration/fixtures');
  mkdirSync(flows);
  for (const f of readdirSync(fixtureDir).filter((n) => fixtures.includes(n))) copyFileSync(join(fixtureDir, f), join(flows, f));
  const config = {
    flowsDir: 'flows',
    admin: { tokenEnv: 'RT_ADMIN_TOKEN', passwordEnv: 'RT_ADMIN_PASSWORD' },
    graph: { baseUrl: graphUrl, version: 'v23.0' },
    send: { ratePerSecond: 1000, backoffBaseMs: 50, backoffMaxMs: 500, maxAttempts: 50 },
    tenants: [
      {
        id: 'demo',
        appSecretEnv: 'RT_APP_SECRET',
        verifyTokenEnv: 'RT_VERIFY_TOKEN',
        accessTokenEnv: 'RT_ACCESS_TOKEN',
        channels: [{ type: 'whatsapp', phoneNumberId: PHONE_NUMBER_ID }],
        ...tenantExtra,
      },
    ],
  };
  const path = join(dir, 'parley.config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export interface RuntimeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The processes of one test file share one business-records database (a fresh schema on the test PostgreSQL). */
let sharedDatabase: Promise<{ url: string }> | null = null;

export async function spawnRuntime(opts: {
  config: string;
  roles: string;
  port: number;
  env: Record<string, string>;
  /** How long the process may take to listen (default 30 s; a loaded machine needs more). */
  startTimeoutMs?: number;
}): Promise<RuntimeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'runtime/src/main.ts'),
      '--config',
      opts.config,
      '--role',
      opts.roles,
      '--port',
      String(opts.port),
      '--host',
      '127.0.0.1',
      '--no-watch',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...SECRETS,
        LOG_LEVEL: 'warn',
        DATABASE_URL: opts.env.DATABASE_URL ?? (await (sharedDatabase ??= processDatabaseUrl())).url,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + startTimeoutMs;
  while (!out.includes('parley: listening on')) {
    if (child.exitCode !== null) throw new Error(`runtime (${opts.roles}) exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      // The caller never gets a handle to stop it: a late start must not leave it running.
      child.kill('SIGKILL');
      throw new Error(`runtime (${opts.roles}) did not start in ${startTimeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port: opts.port,
    url,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
