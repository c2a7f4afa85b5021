import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: '', ...env },
    timeout: 30_000,
  });
  return { status: res.status, stderr: res.stderr };
}

it('an invalid config stops the runtime with exit 1, names the field, and prints no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cfg-'));
  const file = join(dir, 'parley.config.json');
  writeFileSync(file, JSON.stringify({ tenants: [{ id: 'x', channels: [{ type: 'whatsapp', phoneNumberId: 'abc' }] }] }));
  const res = run(['--config', file]);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/\/tenants\/0\/channels\/0\/phoneNumberId must match pattern/);
  expect(res.stderr).not.toMatch(/\n\s+at /);
});

it('a bad role, a bad environment variable or an unreachable Redis is one clear line and exit 1', () => {
  const bad = run(['--role', 'chef']);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/unknown role "chef"/);
  const noRedis = run(['--port', '0'], { REDIS_URL: 'redis://127.0.0.1:1' });
  expect(noRedis.status).toBe(1);
  expect(noRedis.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1 did not answer/);
  expect(noRedis.stderr).not.toMatch(/\n\s+at /);
  const badPort = run([], { PORT: 'eighty' });
  expect(badPort.status).toBe(1);
  expect(badPort.stderr).toBe('parley: environment variable PORT must be an integer from 0 to 65535, got "eighty"\n');
}, 60_000);
