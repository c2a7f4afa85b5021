/** Shared helpers for the benchmark scripts: child servers, signed bodies, percentiles, load loops. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Pool } from 'undici';
import { computeSignature } from '@parley/channels';
import { waInbound, wa } from '../fake-graph';
import { TEST_APP_SECRET } from '../../runtime/src/testing/context';

const ROOT = new URL('../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(args: string[]): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', `${ROOT}test/bench/server.ts`, ...args], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error', TEST_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bench server ${args[0]} exited with ${code}`)));
  });
  return {
    child,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export interface SignedBody { body: string; signature: string }

export function signedText(from: string, text: string): SignedBody {
  const body = JSON.stringify(waInbound(from, wa.text(text)));
  return { body, signature: computeSignature(Buffer.from(body), TEST_APP_SECRET) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function pool(url: string, connections = 64): Pool {
  return new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

export async function post(p: Pool, path: string, b: SignedBody): Promise<number> {
  const res = await p.request({ method: 'POST', path, headers: { 'content-type': 'application/json', 'x-hub-signature-256': b.signature }, body: b.body });
  await res.body.dump();
  return res.statusCode;
}

/** Closed loop: `concurrency` requests in flight for `ms`; returns completed requests per second. */
export async function closedLoop(p: Pool, bodies: () => SignedBody, concurrency: number, ms: number): Promise<{ rps: number; errors: number }> {
  const until = performance.now() + ms;
  let done = 0;
  let errors = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const status = await post(p, '/webhooks/whatsapp', bodies());
      if (status === 200) done++;
      else errors++;
    }
  }));
  return { rps: done / (ms / 1000), errors };
}

/** Open loop at a fixed rate for `ms`: latency of each request (ms), sorted. */
export async function openLoop(p: Pool, bodies: () => SignedBody, rate: number, ms: number): Promise<{ latencies: number[]; errors: number; achieved: number }> {
  const total = Math.floor((rate * ms) / 1000);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const b = bodies();
    const t0 = performance.now();
    inflight.push(post(p, '/webhooks/whatsapp', b).then((s) => {
      if (s === 200) latencies.push(performance.now() - t0);
      else errors++;
    }, () => { errors++; }));
  }
  await Promise.all(inflight);
  const achieved = total / ((performance.now() - start) / 1000);
  return { latencies: latencies.sort((a, b) => a - b), errors, achieved };
}
