/**
 * Profiling harness: replays the example-flow conversations for a fixed number of seconds so a
 * CPU profile of just the engine's step can be taken:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof packages/flow/bench/profile-steps.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineSnapshot } from '../src/engine/snapshot';
import { step } from '../src/engine/step';
import type { Flow } from '../src/types';
import { record } from './conversations';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 4);

const dir = join(ROOT, 'flows');
const flows = readdirSync(dir)
  .filter((name) => name.endsWith('.flow.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Flow);
const byId = new Map(flows.map((flow) => [flow.id, flow]));
const resolveFlow = (id: string) => byId.get(id);
const conversations = flows.flatMap((flow) => [0, 1, 2, 3].map((variant) => record(flow, { resolveFlow }, variant)));

let steps = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const end = Date.now() + SECONDS * 1000;
const startCpu = cpu();
while (Date.now() < end) {
  for (const { flow, events } of conversations) {
    let snapshot: EngineSnapshot | null = null;
    for (const event of events) {
      snapshot = JSON.parse(JSON.stringify(step(flow, snapshot, event, { resolveFlow }).snapshot)) as EngineSnapshot;
      steps++;
    }
  }
}
console.log(`${steps} steps in ${SECONDS}s wall, ${Math.round((steps / (cpu() - startCpu)) * 1000)} steps per CPU-second`);
