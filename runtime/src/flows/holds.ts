/**
 * Draft holds: `<flows>/.drafts/<id>` marks a flow whose file on disk must NOT go live by
 * itself (see the rule at the top of registry.ts). Written by the admin API (a studio save,
 * create, duplicate, rename, unpublish) and by `parley new` (same path, see
 * packages/cli/src/commands/new.ts); removed by publish and rollback. It lives on disk next to
 * the flow files — not in the store — so every process watching the folder sees it and an
 * in-memory restart still knows which files are drafts. The content (one line: why the flow is
 * held) is for people reading the folder; only the file's existence counts.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const HOLDS_DIR = '.drafts';

export type HoldReason = 'studio draft' | 'scaffold' | 'unpublished';

function holdPath(flowsDir: string, id: string): string {
  return join(flowsDir, HOLDS_DIR, id);
}

export async function isHeld(flowsDir: string, id: string): Promise<boolean> {
  return stat(holdPath(flowsDir, id)).then((s) => s.isFile(), () => false);
}

export async function hold(flowsDir: string, id: string, reason: HoldReason): Promise<void> {
  await mkdir(join(flowsDir, HOLDS_DIR), { recursive: true });
  await writeFile(holdPath(flowsDir, id), `${reason}\n`, 'utf8');
}

export async function release(flowsDir: string, id: string): Promise<void> {
  await rm(holdPath(flowsDir, id), { force: true });
}
