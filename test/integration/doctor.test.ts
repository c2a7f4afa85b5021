/**
 * `parley doctor` against real things: the fake Graph API (token and phone number id), a real
 * Redis (layout written by the runtime's own store), a real runtime's webhook route, flow files
 * on disk. Every secret value is checked to never appear in the output.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main';
import { DEFAULT_SHARDS as DOCTOR_DEFAULT_SHARDS } from '../../packages/cli/src/doctor/redis';
import { startRuntime, type RunningRuntime } from '../../runtime/src/app/runtime';
import { createMemoryStores } from '../../runtime/src/stores';
import { createRedisStores } from '../../runtime/src/stores/redis';
import { DEFAULT_SHARDS as RUNTIME_DEFAULT_SHARDS } from '../../runtime/src/stores/redis/keys';
import { TEST_VERIFY_TOKEN, createTestContext } from '../../runtime/src/testing/context';
import { startLocalCluster } from '../../runtime/src/testing/redis-cluster';
import { openResp, RespError } from '../../packages/cli/src/doctor/resp';
import { startFakeGraph, type FakeGraph } from '../fake-graph';

const PHONE_ID = '106540352242922';
const SECRETS = {
  DOC_APP_SECRET: `app-secret-${randomBytes(6).toString('hex')}`,
  DOC_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
  DOC_ACCESS_TOKEN: `EAAG${randomBytes(12).toString('hex')}`,
  DOC_ADMIN_TOKEN: `admin-${randomBytes(8).toString('hex')}`,
};
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REPO_FLOWS = new URL('../../flows/', import.meta.url).pathname;

let dir: string;
let graph: FakeGraph;
let runtime: RunningRuntime;
let prefix: string;

function writeConfig(name: string, overrides: { flowsDir?: string; tenant?: Record<string, unknown> } = {}): string {
  const config = {
    server: { port: 3000 },
    flowsDir: overrides.flowsDir ?? 'flows',
    admin: { tokenEnv: 'DOC_ADMIN_TOKEN', passwordEnv: 'DOC_ADMIN_PASSWORD' },
    graph: { baseUrl: graph.url, version: 'v23.0' },
    tenants: [
      {
        id: 'shop',
        appSecretEnv: 'DOC_APP_SECRET',
        verifyTokenEnv: 'DOC_VERIFY_TOKEN',
        accessTokenEnv: 'DOC_ACCESS_TOKEN',
        channels: [{ type: 'whatsapp', phoneNumberId: PHONE_ID }],
        ...overrides.tenant,
      },
    ],
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

async function doctor(args: string[], env: Record<string, string | undefined> = {}, tty = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(['doctor', '--timeout', '3000', ...args], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    color: tty,
    interactive: false,
    stdin: process.stdin,
    cwd: dir,
    env: { ...SECRETS, REDIS_URL, PARLEY_REDIS_PREFIX: prefix, ...env },
  });
  for (const secret of [...Object.values(SECRETS), ...Object.values(env)]) {
    if (secret && secret.length >= 4 && /secret|EAAG|admin-|verify|pass/.test(secret)) {
      expect(stdout + stderr, 'a secret value was printed').not.toContain(secret);
    }
  }
  return { code, stdout, stderr, lines: stdout.split('\n') };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-doctor-'));
  mkdirSync(join(dir, 'flows'));
  for (const flow of ['support-faq', 'order-status'])
    copyFileSync(join(REPO_FLOWS, `${flow}.flow.json`), join(dir, `flows/${flow}.flow.json`));
  prefix = `doctor-${randomBytes(4).toString('hex')}:`;
  graph = await startFakeGraph({ appSecret: SECRETS.DOC_APP_SECRET, accessToken: SECRETS.DOC_ACCESS_TOKEN, knownIds: [PHONE_ID] });
  runtime = await startRuntime(createTestContext(createMemoryStores()), {
    roles: new Set(['ingress']),
    port: 0,
    host: '127.0.0.1',
    watch: false,
  });
  writeConfig('parley.config.json');
});
afterAll(async () => {
  await runtime?.stop();
  await graph?.close();
  const stores = await createRedisStores({ url: REDIS_URL, prefix });
  await stores.redis.del(`${prefix}layout`, `${prefix}ready`);
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

const port = () => new URL(runtime.url).port;

describe('parley doctor', () => {
  it('passes a healthy deployment with one ASCII line per check, exit 0', async () => {
    const run = await doctor(['--port', port()]);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.lines).toContain('[ok]   config  parley.config.json: valid (1 tenant, 1 channel, Graph API v23.0)');
    expect(run.lines).toContain(
      '[ok]   env     set: DOC_ADMIN_TOKEN, DOC_APP_SECRET, DOC_VERIFY_TOKEN, DOC_ACCESS_TOKEN (DOC_ADMIN_PASSWORD unset: the other admin credential is enough)',
    );
    expect(run.lines).toContain(
      `[ok]   graph   tenant shop: DOC_ACCESS_TOKEN is valid and reads WhatsApp phone number ${PHONE_ID} (GET /v23.0/${PHONE_ID}?fields=id)`,
    );
    expect(run.lines).toContain(
      `[ok]   redis   Redis at 127.0.0.1:6379 answers; no Parley data under prefix "${prefix}" yet: the first runtime records shards=8`,
    );
    expect(run.lines).toContain('[ok]   flows   2 valid flows in flows');
    expect(run.lines).toContain(
      `[ok]   webhook http://127.0.0.1:${port()}/webhooks/whatsapp answers Meta's verification handshake with tenant shop's DOC_VERIFY_TOKEN`,
    );
    expect(run.stdout).toContain('All checks passed.');
    const tty = await doctor(['--port', port()], {}, true);
    expect(tty.lines[0]).toMatch(/^✓ config {2}/);
  });

  it('reads the layout the runtime records, and says when the shard count differs', async () => {
    expect(DOCTOR_DEFAULT_SHARDS).toBe(RUNTIME_DEFAULT_SHARDS);
    const stores = await createRedisStores({ url: REDIS_URL, prefix });
    await stores.close();
    let run = await doctor(['--port', port()]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`prefix "${prefix}" holds shards=8, the same as the default shards=8 (PARLEY_REDIS_SHARDS unset)`);
    run = await doctor(['--port', port()], { PARLEY_REDIS_SHARDS: '4' });
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toContain(
      `[FAIL] redis   Redis at 127.0.0.1:6379: prefix "${prefix}" holds data laid out with "shards=8", but PARLEY_REDIS_SHARDS=4: the runtime would refuse to start`,
    );
  });

  it('names every problem: missing variables, bad token, unknown number, Redis down, invalid flow, no runtime — exit 1', async () => {
    mkdirSync(join(dir, 'broken-flows'), { recursive: true });
    writeFileSync(
      join(dir, 'broken-flows/bad.flow.json'),
      JSON.stringify({ specVersion: '1.0.0', id: 'bad', nodes: [{ id: 'start', type: 'message' }] }),
    );
    const config = writeConfig('broken.config.json', {
      flowsDir: 'broken-flows',
      tenant: { channels: [{ type: 'whatsapp', phoneNumberId: '99999999' }], defaultFlow: 'missing', flows: ['missing'] },
    });
    const down = await closedPort();
    const run = await doctor(['--config', config, '--port', String(down)], {
      DOC_APP_SECRET: '',
      DOC_ADMIN_TOKEN: undefined,
      REDIS_URL: `redis://127.0.0.1:${down}`,
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.lines, run.stdout).toContain('[FAIL] env     DOC_APP_SECRET is not set (named by /tenants/0/appSecretEnv)');
    expect(run.lines).toContain(
      '[FAIL] env     neither DOC_ADMIN_TOKEN nor DOC_ADMIN_PASSWORD is set: the runtime would make up a new admin token at every start',
    );
    expect(run.stdout).toContain(
      '[FAIL] graph   tenant shop: WhatsApp phone number 99999999 cannot be read with DOC_ACCESS_TOKEN (Graph error 100: (#100) ',
    );
    expect(run.lines).toContain(`[FAIL] redis   Redis at 127.0.0.1:${down} did not answer (ECONNREFUSED): start Redis or fix REDIS_URL`);
    expect(run.stdout).toMatch(/\[FAIL\] flows {3}broken-flows\/bad\.flow\.json: \d+ errors?: broken-flows\/bad\.flow\.json:\//);
    expect(run.lines).toContain(
      '[FAIL] flows   /tenants/0/flows/0: tenant shop names flow "missing", which is not a valid flow in broken-flows',
    );
    expect(run.lines).toContain(
      `[FAIL] webhook runtime not running on 127.0.0.1:${down} (connection refused): start it (npm start), or give the port it listens on with --port`,
    );
    expect(run.stdout).toMatch(/\n\d+ problems found\.\n$/);

    const password = `pass-${randomBytes(6).toString('hex')}`;
    // The extra variable only hands the bare password to doctor()'s never-printed check.
    const auth = await doctor(['--port', port()], {
      REDIS_URL: `redis://doctor:${password}@127.0.0.1:6379`,
      REDIS_PASSWORD_FOR_CHECK: password,
    });
    expect(auth.code).toBe(1);
    expect(auth.stdout).toContain('[FAIL] redis   Redis at 127.0.0.1:6379 refused the credentials in REDIS_URL (');

    const expired = await doctor(['--port', port()], { DOC_ACCESS_TOKEN: 'EAAG-an-old-token-value' });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('[FAIL] graph   tenant shop: DOC_ACCESS_TOKEN is expired or invalid (Graph error 190: (#190) ');
    const wrongVerify = await doctor(['--port', port()], { DOC_VERIFY_TOKEN: 'verify-not-the-runtimes' });
    expect(wrongVerify.lines).toContain(
      `[FAIL] webhook http://127.0.0.1:${port()}/webhooks/whatsapp refused tenant shop's DOC_VERIFY_TOKEN (403): the runtime on :${port()} runs with another value of DOC_VERIFY_TOKEN than this shell`,
    );
  });

  it('skips the Graph check with a note when offline (a problem only with --strict), and reports the unsharded layout', async () => {
    const offline = `http://127.0.0.1:${await closedPort()}`;
    let run = await doctor(['--port', port(), '--graph-url', offline]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `[skip] graph   skipped: offline — ${new URL(offline).host} cannot be reached (ECONNREFUSED); tokens not checked`,
    );
    expect(run.stdout).toContain('All checks passed (1 skipped; --strict counts them as problems).');
    run = await doctor(['--port', port(), '--graph-url', offline, '--strict']);
    expect(run.code, run.stdout).toBe(1);

    const prefixOld = `doctor-old-${randomBytes(4).toString('hex')}:`;
    const stores = await createRedisStores({ url: REDIS_URL, prefix: `${prefixOld}probe:` });
    await stores.redis.set(`${prefixOld}ready`, '1');
    try {
      run = await doctor(['--port', port()], { PARLEY_REDIS_PREFIX: prefixOld });
      expect(run.stdout).toContain(`holds data of the unsharded layout under prefix "${prefixOld}"`);
      expect(run.code, run.stdout).toBe(1);
    } finally {
      await stores.redis.del(`${prefixOld}ready`, `${prefixOld}probe:layout`);
      await stores.close();
    }
  });

  it('reports a bad config with the field, and bad options as usage errors', async () => {
    writeFileSync(join(dir, 'invalid.config.json'), JSON.stringify({ tenants: [{ id: 'Shop!', channels: [] }] }));
    let run = await doctor(['--config', 'invalid.config.json']);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toContain('[FAIL] config  ');
    expect(run.stdout).toContain('/tenants/0/id must match pattern');
    run = await doctor(['--config', 'nowhere.json']);
    expect(run.stdout).toContain('cannot read');
    expect(run.stdout).toContain('nowhere.json: ENOENT');
    run = await doctor(['--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('parley doctor: the port must be a number from 1 to 65535, got "eighty"');
  });

  it('follows a Redis Cluster node to the one holding the layout key (MOVED)', async () => {
    const cluster = await startLocalCluster();
    try {
      const seed = new URL(cluster.url);
      // A prefix whose layout key lives on another node than the one REDIS_URL names.
      const probe = await openResp(seed.hostname, Number(seed.port), { tls: false, timeoutMs: 3000 });
      let clusterPrefix = '';
      for (let i = 0; i < 50 && !clusterPrefix; i++) {
        const candidate = `doctor-c${i}-${randomBytes(3).toString('hex')}:`;
        const reply = await probe.command('GET', `${candidate}layout`);
        if (reply instanceof RespError && reply.message.startsWith('MOVED')) clusterPrefix = candidate;
      }
      probe.close();
      expect(clusterPrefix).not.toBe('');
      const stores = await createRedisStores({ url: cluster.url, cluster: true, prefix: clusterPrefix, shards: 16 });
      await stores.close();
      const env = { REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', PARLEY_REDIS_PREFIX: clusterPrefix };
      let run = await doctor(['--port', port()], { ...env, PARLEY_REDIS_SHARDS: '16' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(`prefix "${clusterPrefix}" holds shards=16, the same as PARLEY_REDIS_SHARDS=16`);
      run = await doctor(['--port', port()], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('holds data laid out with "shards=16", but the default shards=8 (PARLEY_REDIS_SHARDS unset)');
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});
