/**
 * The end-to-end suite's runtime: the shared launcher (`@parley/runtime/testing/launch`) with
 * flows copied from the repository's flows/ and the runtime's log kept under test/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';
import { ARTIFACTS } from './browser';
import { REPO } from './build';

export type RunningRuntime = LaunchedRuntime;

/** `config`: extra top-level config sections (e.g. `http: { allowPrivateNetworks: true }` for a local test server). */
export async function startRuntime(opts: { flows?: string[]; logName: string; config?: Record<string, unknown> }): Promise<RunningRuntime> {
  const flowFiles: Record<string, string> = {};
  for (const id of opts.flows ?? []) {
    for (const ext of ['flow.json', 'layout.json']) flowFiles[`${id}.${ext}`] = readFileSync(join(REPO, 'flows', `${id}.${ext}`), 'utf8');
  }
  return launchRuntime({
    flowFiles,
    adminUser: 'e2e-marketer',
    logFile: join(ARTIFACTS, `${opts.logName}.runtime.log`),
    ...(opts.config ? { config: opts.config } : {}),
  });
}
