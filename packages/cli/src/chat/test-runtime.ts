/**
 * For tests: starts the real runtime (`runtime/src/main.ts`) as a child process on a free
 * port, with in-memory stores, a temporary flows folder and an admin token — the way an
 * operator would — and stops it afterwards. Word vectors are off so it starts in ~2 s.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRuntime {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `flows`: file name → content, written to the runtime's flows folder (published at start). */
export async function startTestRuntime(repoRoot: string, flows: Record<string, unknown>): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-runtime-'));
  mkdirSync(join(dir, 'flows'));
  for (const [name, content] of Object.entries(flows)) writeFileSync(join(dir, 'flows', name), JSON.stringify(content, null, 2));
  const port = await freePort();
  const token = 'cli-test-admin-token-0123456789';
  writeFileSync(join(dir, 'parley.config.json'), JSON.stringify({
    server: { host: '127.0.0.1', port },
    flowsDir: 'flows',
    admin: { tokenEnv: 'CLI_TEST_ADMIN_TOKEN', passwordEnv: 'CLI_TEST_PASSWORD', user: 'cli-test' },
    tenants: [{
      id: 'cli', appSecretEnv: 'CLI_TEST_SECRET', verifyTokenEnv: 'CLI_TEST_VERIFY', accessTokenEnv: 'CLI_TEST_WA',
      channels: [{ type: 'whatsapp', phoneNumberId: '100000000000001' }],
    }],
  }));
  const env: NodeJS.ProcessEnv = {
    ...process.env, CLI_TEST_ADMIN_TOKEN: token, CLI_TEST_PASSWORD: 'pw', CLI_TEST_SECRET: 's', CLI_TEST_VERIFY: 'v', CLI_TEST_WA: 'w', PARLEY_NLU_VECTORS: '0',
  };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'runtime/src/main.ts'), '--config', join(dir, 'parley.config.json'), '--no-watch'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  let exited: string | undefined;
  child.once('exit', (code, signal) => { exited = `exited with ${code ?? signal}`; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the runtime ${exited} before it answered: ${stderr.slice(-2000)}`);
    const up = await fetch(`${url}/healthz`).then((res) => res.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the runtime did not answer /healthz within 30 s: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    token,
    stop: () => new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (exited) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    }),
  };
}
