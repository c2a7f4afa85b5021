/**
 * The runtime under test for `bench:e2e`: either ONE process with every role, or the roles split
 * over processes (ingress | worker+scheduler | sender) sharing one Redis key space, so a
 * multi-core machine can use its cores. Each stack gets its own fake Graph API (in the bench
 * process) and its own Redis prefix, so two stacks can be measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET } from '../../runtime/src/testing/context';
import { freePort, sleep, startServer, Target, type BenchServer } from './lib';

export interface StackLayout {
  name: string;
  /** One entry per process: its roles, comma-separated (the first process must serve the webhooks). */
  processes: string[];
}

export const SINGLE: StackLayout = { name: 'one process (all roles)', processes: ['all'] };

export function splitLayout(workerProcesses: number): StackLayout {
  const workers = Array.from({ length: workerProcesses }, () => 'worker,scheduler');
  return { name: `split: ${['ingress', ...workers, 'sender'].join(' / ')} processes`, processes: ['ingress', ...workers, 'sender'] };
}

export interface Stack {
  layout: StackLayout;
  graph: FakeGraph;
  target: Target;
  /** Resolves once `count` sends reached the fake Graph API (false on timeout). */
  waitSends(count: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

let flowsDir: string | undefined;
function echoFlowsDir(): string {
  if (!flowsDir) {
    flowsDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    copyFileSync(new URL('../integration/fixtures/echo.flow.json', import.meta.url), join(flowsDir, 'echo.flow.json'));
  }
  return flowsDir;
}

export async function startStack(layout: StackLayout): Promise<Stack> {
  const graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const servers: Array<{ server: BenchServer; port: number }> = [];
  try {
    for (const [i, roles] of layout.processes.entries()) {
      const port = await freePort();
      // Only the first process deletes the shared keys, and it is stopped last.
      const args = [
        'runtime',
        '--port',
        String(port),
        '--graph',
        graph.url,
        '--flows',
        echoFlowsDir(),
        '--roles',
        roles,
        '--prefix',
        prefix,
        ...(i > 0 ? ['--keep'] : []),
      ];
      servers.push({ server: await startServer(args), port });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.server.stop()));
    await graph.close();
    throw err;
  }
  const first = servers[0];
  if (!first) throw new Error('a stack needs at least one process');
  const target = new Target([`http://127.0.0.1:${first.port}`]);
  return {
    layout,
    graph,
    target,
    async waitSends(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (graph.sent.length < count) {
        if (Date.now() > until) return false;
        await sleep(5);
      }
      return true;
    },
    async stop() {
      await target.close();
      for (const s of [...servers].reverse()) await s.server.stop();
      await graph.close();
    },
  };
}
