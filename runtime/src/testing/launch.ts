/**
 * For tests (the CLI's, the browser end-to-end suite): starts the real runtime
 * (`runtime/src/main.ts`) as a child process on a free port — the way an operator would, with a
 * config file, a temporary flows folder, in-memory stores and admin credentials — waits until it
 * answers /healthz, and stops it afterwards. Import as `@parley/runtime/testing/launch`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { processDatabaseUrl } from '../db/testing';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5000;

export interface LaunchOptions {
  /** File name → text, written to the runtime's flows folder (published at start). */
  flowFiles?: Record<string, string>;
  /** Extra top-level config sections (e.g. `http: { allowPrivateNetworks: true }`). */
  config?: Record<string, unknown>;
  /** Extra environment variables (e.g. `PARLEY_NLU_VECTORS: '0'` for a start in ~2 s). */
  env?: Record<string, string>;
  /** The admin user name versions are published by. */
  adminUser?: string;
  /** The runtime's stdout and stderr go to this file; without one, the end of stderr is kept for the error messages. */
  logFile?: string;
  /** How long to wait for /healthz (default 30 s); a loaded machine loads the sources slowly. */
  startTimeoutMs?: number;
}

export interface LaunchedRuntime {
  url: string;
  flowsDir: string;
  /** The admin password (sign-in form) and bearer token. */
  password: string;
  token: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function launchRuntime(opts: LaunchOptions = {}): Promise<LaunchedRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-runtime-'));
  const flowsDir = join(dir, 'flows');
  mkdirSync(flowsDir);
  for (const [name, text] of Object.entries(opts.flowFiles ?? {})) writeFileSync(join(flowsDir, name), text);
  const port = await freePort();
  const password = 'test-admin-password';
  const token = 'test-admin-token-0123456789';
  writeFileSync(
    join(dir, 'parley.config.json'),
    JSON.stringify(
      {
        server: { host: '127.0.0.1', port },
        flowsDir: 'flows',
        admin: { tokenEnv: 'TEST_ADMIN_TOKEN', passwordEnv: 'TEST_ADMIN_PASSWORD', user: opts.adminUser ?? 'test-admin' },
        tenants: [
          {
            id: 'test',
            appSecretEnv: 'TEST_APP_SECRET',
            verifyTokenEnv: 'TEST_VERIFY_TOKEN',
            accessTokenEnv: 'TEST_WA_TOKEN',
            channels: [{ type: 'whatsapp', phoneNumberId: '100000000000001' }],
          },
        ],
        ...opts.config,
      },
      null,
      2,
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEST_ADMIN_TOKEN: token,
    TEST_ADMIN_PASSWORD: password,
    TEST_APP_SECRET: 'test-secret',
    TEST_VERIFY_TOKEN: 'test-verify',
    TEST_WA_TOKEN: 'test-wa',
    ...opts.env,
  };
  // In-memory stores: each run starts clean and shares nothing with other suites.
  delete env.REDIS_URL;
  // …and the business records in a fresh schema of the test PostgreSQL, unless the test names a database.
  const database = opts.env?.DATABASE_URL ? null : await processDatabaseUrl();
  if (database) env.DATABASE_URL = database.url;
  const args = ['--import', 'tsx', join(REPO_ROOT, 'runtime/src/main.ts'), '--config', join(dir, 'parley.config.json'), '--no-watch'];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', opts.logFile ? 'pipe' : 'ignore', 'pipe'] });
  let stderrTail = '';
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    const log = createWriteStream(opts.logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
  }
  const output = (): string => (opts.logFile ? `see ${opts.logFile}` : stderrTail);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const startTimeoutMs = opts.startTimeoutMs ?? START_TIMEOUT_MS;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      await database?.drop();
      throw new Error(`the runtime ${exited} before it answered: ${output()}`);
    }
    const up = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await database?.drop();
      throw new Error(`the runtime did not answer /healthz within ${startTimeoutMs / 1000} s: ${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    flowsDir,
    password,
    token,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          void (database?.drop() ?? Promise.resolve()).then(resolve);
        };
        if (exited) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
