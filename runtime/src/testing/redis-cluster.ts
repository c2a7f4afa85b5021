/**
 * Starts a real three-master Redis Cluster from the `redis-server` binary on free local ports,
 * for the tests that prove the stores run unchanged on a cluster. Fails with a clear message
 * when the binary is missing (CI installs Debian's redis-server); never skips.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalCluster {
  /** A seed node's URL (the client discovers the others). */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Ports whose cluster bus port (port + 10000) is free too. */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; ports.length < count && attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (!ports.includes(port) && (await canListen(port)) && (await canListen(port + 10_000))) ports.push(port);
  }
  if (ports.length < count) throw new Error('no free ports for a local Redis Cluster');
  return ports;
}

function redisCli(args: string[], timeoutMs = 10_000): string {
  const res = spawnSync('redis-cli', args, { encoding: 'utf8', timeout: timeoutMs });
  if (res.error) throw new Error(`redis-cli failed: ${res.error.message}`);
  return `${res.stdout}${res.stderr}`;
}

/** On a loaded machine a cluster can fail to form in time: a fresh attempt on other ports usually succeeds. */
export async function startLocalCluster(masters = 3, attempts = 3): Promise<LocalCluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(masters);
    } catch (err) {
      if (attempt >= attempts || (err as Error).message.includes('not installed')) throw err;
    }
  }
}

async function startOnce(masters: number): Promise<LocalCluster> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed: the Redis Cluster tests need it (Debian: apt-get install -y redis-server; .ci/run installs it)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-cluster-'));
  const ports = await freePorts(masters);
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '5000',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        join(dir, `${port}.log`),
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const until = Date.now() + 10_000;
      while (!redisCli(['-p', String(port), 'ping']).includes('PONG')) {
        if (Date.now() > until) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const created = redisCli(
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      30_000,
    );
    if (!created.includes('All 16384 slots covered')) throw new Error(`redis-cli --cluster create failed:\n${created}`);
    const until = Date.now() + 15_000;
    while (!ports.every((p) => redisCli(['-p', String(p), 'cluster', 'info']).includes('cluster_state:ok'))) {
      if (Date.now() > until) throw new Error('the local Redis Cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `redis://127.0.0.1:${ports[0]}`, ports, stop };
}
