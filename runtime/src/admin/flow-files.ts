/**
 * Reading and writing the flow files the studio edits: `<id>.flow.json`, `<id>.layout.json`,
 * `<id>.test.json`, in the stable format (so a one-word change is a one-line diff). Writes
 * go to a temp file then rename, so the watcher never reads half a file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFlow, formatLayout } from '@parley/flow';
import type { Flow, FlowLayout } from '@parley/flow';

export const FLOW_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface Draft {
  flow: unknown;
  layout: unknown;
  revision: number;
}

async function readJson(path: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function readDraft(dir: string, id: string): Promise<Draft | null> {
  const flow = await readJson(join(dir, `${id}.flow.json`));
  if (flow === undefined) return null;
  const layout = (await readJson(join(dir, `${id}.layout.json`))) ?? null;
  const revision = typeof (flow as { revision?: unknown } | null)?.revision === 'number' ? (flow as { revision: number }).revision : 0;
  return { flow, layout, revision };
}

async function writeIfChanged(path: string, text: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === text) return false;
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
  return true;
}

/** Writes only the files whose content changed. */
export async function writeDraft(dir: string, id: string, flow: Flow, layout: FlowLayout | null): Promise<void> {
  await writeIfChanged(join(dir, `${id}.flow.json`), formatFlow(flow));
  if (layout) await writeIfChanged(join(dir, `${id}.layout.json`), formatLayout(layout, flow));
}

export async function readTests(dir: string, id: string): Promise<{ flow: string; tests: unknown[] } & Record<string, unknown>> {
  const doc = await readJson(join(dir, `${id}.test.json`));
  if (doc && typeof doc === 'object' && Array.isArray((doc as { tests?: unknown }).tests)) return doc as { flow: string; tests: unknown[] };
  return { $schema: '../schemas/flow-test.schema.json', flow: id, tests: [] };
}

export async function appendTest(dir: string, id: string, test: unknown): Promise<number> {
  const doc = await readTests(dir, id);
  doc.tests.push(test);
  await writeIfChanged(join(dir, `${id}.test.json`), `${JSON.stringify(doc, null, 2)}\n`);
  return doc.tests.length;
}
