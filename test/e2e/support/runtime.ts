/**
 * Starts the real runtime (`runtime/src/main.ts`) as a child process on a free
 * port, on a temporary flows folder, with in-memory stores and an admin
 * password — the way an operator would — and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from './browser';
import { REPO } from './build';

export interface RunningRuntime {
  url: string;
  flowsDir: string;
  password: string;
  token: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `config`: extra top-level config sections (e.g. `http: { allowPrivateNetworks: true }` for a local test server). */
export async function startRuntime(opts: { flows?: string[]; logName: string; config?: Record<string, unknown> }): Promise<RunningRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const flowsDir = join(dir, 'flows');
  mkdirSync(flowsDir);
  for (const id of opts.flows ?? []) {
    for (const ext of ['flow.json', 'layout.json']) cpSync(join(REPO, 'flows', `${id}.${ext}`), join(flowsDir, `${id}.${ext}`));
  }
  const port = await freePort();
  const password = 'e2e-password';
  const token = 'e2e-admin-token-0123456789';
  writeFileSync(join(dir, 'parley.config.json'), JSON.stringify({
    server: { host: '127.0.0.1', port },
    flowsDir: 'flows',
    admin: { tokenEnv: 'E2E_ADMIN_TOKEN', passwordEnv: 'E2E_ADMIN_PASSWORD', user: 'e2e-marketer' },
    tenants: [{
      id: 'e2e', appSecretEnv: 'E2E_APP_SECRET', verifyTokenEnv: 'E2E_VERIFY_TOKEN', accessTokenEnv: 'E2E_WA_TOKEN',
      channels: [{ type: 'whatsapp', phoneNumberId: '100000000000001' }],
    }],
    ...opts.config,
  }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    E2E_ADMIN_TOKEN: token, E2E_ADMIN_PASSWORD: password, E2E_APP_SECRET: 'e2e-secret', E2E_VERIFY_TOKEN: 'e2e-verify', E2E_WA_TOKEN: 'e2e-wa',
  };
  // In-memory stores: each run starts clean and shares nothing with other suites.
  delete env.REDIS_URL;
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, `${opts.logName}.runtime.log`));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'runtime/src/main.ts'), '--config', join(dir, 'parley.config.json'), '--no-watch'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`The runtime ${exited} before it answered; see test/artifacts/${opts.logName}.runtime.log`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The runtime did not answer /healthz within 30 s; see test/artifacts/${opts.logName}.runtime.log`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    flowsDir,
    password,
    token,
    stop: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}
