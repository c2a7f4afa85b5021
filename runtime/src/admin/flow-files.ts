/**
 * Reading and writing the flow files the studio edits: `<id>.flow.json`, `<id>.layout.json`,
 * `<id>.test.json`, in the stable format (so a one-word change is a one-line diff). Writes
 * go to a temp file then rename, so the watcher never reads half a file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHash } from '@parley/contract';
import { formatFlow, formatLayout } from '@parley/flow';
import type { Flow, FlowLayout } from '@parley/flow';

/** A flow as the author wrote it: saved as is (drafts may be invalid), validated when published. */
export type DraftFlow = Flow | Record<string, unknown>;

export interface Draft {
  flow: unknown;
  layout: unknown;
  /**
   * The concurrency token of the pair of files: `<flow revision>:<hash of both files' text>`.
   * It changes when EITHER file changes (a layout-only save, a hand edit that kept the
   * revision), so a save based on an older token is refused. Opaque to clients.
   */
  revision: string;
}

interface DraftFiles extends Draft {
  /** `"revision"` inside the flow file (0 when missing): bumped only when the logic changes. */
  flowRevision: number;
}

function parseJson(text: string | null): unknown | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

function draftToken(flowRevision: number, flowText: string, layoutText: string | null): string {
  return `${flowRevision}:${contentHash(`${flowText}\0${layoutText ?? ''}`).slice(0, 16)}`;
}

export async function readDraftFiles(dir: string, id: string): Promise<DraftFiles | null> {
  const flowText = await readText(join(dir, `${id}.flow.json`));
  if (flowText === null) return null;
  const layoutText = await readText(join(dir, `${id}.layout.json`));
  const flow = parseJson(flowText);
  const layout = parseJson(layoutText) ?? null;
  const r = (flow as { revision?: unknown } | null)?.revision;
  const flowRevision = typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 0;
  return { flow, layout, flowRevision, revision: draftToken(flowRevision, flowText, layoutText) };
}

/** What GET /api/flows/:id and a 409 answer: the files as they are on disk, with their token. */
export async function readDraft(dir: string, id: string): Promise<Draft | null> {
  const files = await readDraftFiles(dir, id);
  return files && { flow: files.flow, layout: files.layout, revision: files.revision };
}

/**
 * True when two flows differ only in `revision` (and in key order or formatting, which the
 * stable format erases): such a save must not touch the flow file.
 */
export function sameLogic(onDisk: unknown, incoming: DraftFlow): boolean {
  if (!onDisk || typeof onDisk !== 'object' || Array.isArray(onDisk)) return false;
  try {
    return formatFlow({ ...(onDisk as Record<string, unknown>), revision: 0 }) === formatFlow({ ...incoming, revision: 0 });
  } catch {
    return false;
  }
}

async function writeIfChanged(path: string, text: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === text) return false;
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
  return true;
}

/**
 * Writes only the files whose content changed. `flow: null` leaves the flow file alone (a
 * layout-only save); `order` orders the layout's positions like the flow's nodes.
 * `beforeFlowWrite` runs with the exact flow text before it is written (the registry holds the
 * flow as a draft so the watcher does not publish it).
 */
export async function writeDraft(
  dir: string,
  id: string,
  flow: DraftFlow | null,
  layout: FlowLayout | null,
  opts: { order?: DraftFlow; beforeFlowWrite?: (text: string) => Promise<void> } = {},
): Promise<void> {
  if (flow) {
    const text = formatFlow(flow);
    const path = join(dir, `${id}.flow.json`);
    if ((await readText(path)) !== text) {
      await opts.beforeFlowWrite?.(text);
      await writeIfChanged(path, text);
    }
  }
  if (layout) await writeIfChanged(join(dir, `${id}.layout.json`), formatLayout(layout, nodeOrder(flow ?? opts.order)));
}

/** The flow's node list when it has one: the layout lists positions in the same order (only the ids are read). */
function nodeOrder(flow: DraftFlow | undefined): Pick<Flow, 'nodes'> | undefined {
  return flow && hasNodeList(flow) ? flow : undefined;
}

function hasNodeList(flow: object): flow is Pick<Flow, 'nodes'> {
  const nodes = 'nodes' in flow ? flow.nodes : undefined;
  return Array.isArray(nodes) && nodes.every((n: unknown) => typeof n === 'object' && n !== null && 'id' in n && typeof n.id === 'string');
}

export async function readTests(dir: string, id: string): Promise<{ flow: string; tests: unknown[] } & Record<string, unknown>> {
  const doc = parseJson(await readText(join(dir, `${id}.test.json`)));
  if (doc && typeof doc === 'object' && Array.isArray((doc as { tests?: unknown }).tests)) return doc as { flow: string; tests: unknown[] };
  return { $schema: '../schemas/flow-test.schema.json', flow: id, tests: [] };
}

export async function appendTest(dir: string, id: string, test: unknown): Promise<number> {
  const doc = await readTests(dir, id);
  doc.tests.push(test);
  await writeIfChanged(join(dir, `${id}.test.json`), `${JSON.stringify(doc, null, 2)}\n`);
  return doc.tests.length;
}

/** Removes a flow's files (flow, layout, tests); missing ones are fine. */
export async function deleteFlowFiles(dir: string, id: string): Promise<void> {
  for (const suffix of ['.flow.json', '.layout.json', '.test.json']) await rm(join(dir, `${id}${suffix}`), { force: true });
}

/** Copies a flow's transcript tests to a new flow id (the tests name their flow). */
export async function copyTests(dir: string, from: string, to: string): Promise<void> {
  const doc = parseJson(await readText(join(dir, `${from}.test.json`)));
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
  await writeIfChanged(join(dir, `${to}.test.json`), `${JSON.stringify({ ...doc, flow: to }, null, 2)}\n`);
}
