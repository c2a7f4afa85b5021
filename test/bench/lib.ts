/**
 * Shared helpers for the benchmark scripts: child servers, signed bodies, HTTP targets,
 * closed and open load loops, and the statistics every bench reports (medians with spread).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'undici';
import { computeSignature } from '@parley/channels';
import { waInbound, wa } from '../fake-graph';
import { TEST_APP_SECRET } from '../../runtime/src/testing/context';

const ROOT = new URL('../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `test/bench/server.ts` in a child process (BENCH_NODE_ARGS adds node flags, e.g. --cpu-prof). */
export async function startServer(args: string[]): Promise<BenchServer> {
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', `${ROOT}test/bench/server.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', TEST_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bench server ${args.join(' ')} exited with ${code}`)));
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

let clockTicks: number | undefined;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux), or null elsewhere.
 * CPU per request swings less with the machine's load than req/s (steal and shared caches still move it).
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}

export interface SignedBody {
  body: string;
  signature: string;
}

export function signedText(from: string, text: string): SignedBody {
  const body = JSON.stringify(waInbound(from, wa.text(text)));
  return { body, signature: computeSignature(Buffer.from(body), TEST_APP_SECRET) };
}

/**
 * Pre-signed webhook bodies with unique message ids (dedupe would drop repeats) over 1,000 users.
 * Built between measurements (`refill`), so signing does not compete with the server under test.
 */
export class BodyQueue {
  private bodies: SignedBody[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly userPrefix: string) {}

  refill(count: number): void {
    const missing = count - (this.bodies.length - this.next);
    if (missing <= 0) return;
    this.bodies = this.bodies.slice(this.next);
    this.next = 0;
    for (let i = 0; i < missing; i++) {
      this.seq++;
      this.bodies.push(signedText(`${this.userPrefix}${String(this.seq % 1000).padStart(8, '0')}`, `hello ${this.seq}`));
    }
  }

  take = (): SignedBody => {
    if (this.next >= this.bodies.length) this.refill(10_000);
    const body = this.bodies[this.next++];
    if (!body) throw new Error('body queue is empty');
    return body;
  };
}

/** Webhook POSTs to one server, or round-robin over several (like a load balancer in front of them). */
export class Target {
  private readonly pools: Pool[];
  private turn = 0;

  constructor(urls: string[], connections = 64) {
    this.pools = urls.map((url) => new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 }));
  }

  async post(b: SignedBody, path = '/webhooks/whatsapp'): Promise<number> {
    const p = this.pools[this.turn++ % this.pools.length];
    if (!p) throw new Error('target has no server');
    const res = await p.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': b.signature },
      body: b.body,
    });
    await res.body.dump();
    return res.statusCode;
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((p) => p.close()));
  }
}

/** Closed loop: `concurrency` requests in flight for `ms`; returns completed requests per second. */
export async function closedLoop(
  target: Target,
  bodies: () => SignedBody,
  concurrency: number,
  ms: number,
): Promise<{ rps: number; errors: number }> {
  const start = performance.now();
  const until = start + ms;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const status = await target.post(bodies()).catch(() => 0);
        if (status === 200) done++;
        else errors++;
      }
    }),
  );
  return { rps: done / ((performance.now() - start) / 1000), errors };
}

/** Open loop at a fixed rate for `ms`: latency of each acknowledged request (ms), sorted. */
export async function openLoop(
  target: Target,
  bodies: () => SignedBody,
  rate: number,
  ms: number,
): Promise<{ latencies: number[]; errors: number; achieved: number }> {
  const total = Math.floor((rate * ms) / 1000);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const b = bodies();
    const t0 = performance.now();
    inflight.push(
      target.post(b).then(
        (s) => {
          if (s === 200) latencies.push(performance.now() - t0);
          else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  const achieved = total / ((performance.now() - start) / 1000);
  await Promise.all(inflight);
  return { latencies: latencies.sort((a, b) => a - b), errors, achieved };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** "median (min–max)": the spread is printed with every figure, since the machine is shared. */
export function spread(values: number[], digits?: number): string {
  if (values.length === 0) return '—';
  const f = (n: number): string => fmt(n, digits);
  if (values.length === 1) return f(values[0] ?? NaN);
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

export function fmt(n: number, digits?: number): string {
  if (!Number.isFinite(n)) return '—';
  const d = digits ?? (Math.abs(n) < 10 ? 2 : 0);
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** The machine the figures came from: they only compare with figures from the same run. */
export function machineLine(): string {
  const [one = 0, five = 0] = loadavg();
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; load average ${one.toFixed(2)} (1 min) / ${five.toFixed(2)} (5 min); node ${process.version}`;
}

/** A positive number from a flag, or the default; a bad value stops the bench with a plain message. */
export function numberFlag(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive number, got "${value}"\n`);
    process.exit(1);
  }
  return n;
}
