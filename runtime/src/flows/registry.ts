/**
 * The flows a runtime serves. Files in `flows/` are the source of truth: every valid
 * `<id>.flow.json` changed OUTSIDE the runtime (git pull, an editor) is published as an
 * immutable version in the FlowVersionStore (identical content is not republished), and new
 * conversations start on the latest version. A file the admin API wrote itself (a studio
 * save) is a draft: its hash is recorded in the store before the write, and a file whose
 * text has that hash is validated but not published — only POST …/publish makes it live.
 * An invalid file keeps the previous version serving; its issues are kept for the log and
 * GET /api/flows. Sessions stay pinned to the version they started on (`version()`).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseFlowJson, validateFlow } from '@parley/flow';
import type { Flow, ValidationIssue } from '@parley/flow';
import type { FlowVersionRecord, FlowVersionStore } from '../stores';

export const FLOW_SUFFIX = '.flow.json';
export const LAYOUT_SUFFIX = '.layout.json';
/** How long the latest version is cached per process: a publish elsewhere is seen within this. */
const LIVE_CACHE_MS = 500;

export interface FlowEntry {
  id: string;
  name: string;
  /** Revision of the file on disk (the draft). */
  revision: number;
  publishedVersion: number | null;
  issues: ValidationIssue[];
}

export interface FlowRegistryOptions {
  dir: string;
  store: FlowVersionStore;
  log: Logger;
  now?: () => number;
  /** Called whenever a file's validation errors change (metrics). */
  onIssues?: (flowId: string, errorCount: number) => void;
}

export function contentHash(flow: unknown): string {
  return createHash('sha256').update(JSON.stringify(flow)).digest('hex');
}

/** Hash of a file's exact text: how the runtime recognises the drafts it wrote itself. */
export function fileHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class FlowRegistry {
  private readonly entries = new Map<string, FlowEntry>();
  private readonly versions = new Map<string, Flow>();
  private readonly liveCache = new Map<string, { at: number; record: FlowVersionRecord | null }>();

  constructor(private readonly opts: FlowRegistryOptions) {}

  get dir(): string {
    return this.opts.dir;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Loads every `*.flow.json` once (at start). */
  async loadAll(): Promise<void> {
    let names: string[] = [];
    try {
      names = await readdir(this.opts.dir);
    } catch (err) {
      this.opts.log.warn({ dir: this.opts.dir, code: (err as NodeJS.ErrnoException).code }, 'flows folder not readable: no flows loaded');
    }
    for (const name of names.filter((n) => n.endsWith(FLOW_SUFFIX)).sort()) await this.reloadFile(name.slice(0, -FLOW_SUFFIX.length));
  }

  /**
   * Records that the admin API is about to write `text` as `<id>.flow.json`: when any process
   * (re)loads that exact text it is a draft, not a change to publish. Call BEFORE writing.
   */
  async noteDraftWrite(id: string, text: string): Promise<void> {
    await this.opts.store.setDraftHash(id, fileHash(text));
  }

  /**
   * Re-reads one flow file: valid and written outside the runtime → published (when changed)
   * and live for new conversations; valid and a draft the admin API wrote → validated only;
   * invalid → issues recorded, previous version keeps serving. Returns the issues.
   */
  async reloadFile(id: string, publishedBy = 'files', summary = 'loaded from flows/'): Promise<{ issues: ValidationIssue[]; version: number | null }> {
    const fileName = `${id}${FLOW_SUFFIX}`;
    let text: string;
    try {
      text = await readFile(join(this.opts.dir, fileName), 'utf8');
    } catch {
      const gone = this.entries.get(id);
      if (gone) gone.issues = [{ severity: 'error', code: 'file-missing', message: `${fileName} no longer exists; the last published version keeps serving.`, path: '' }];
      return { issues: gone?.issues ?? [], version: gone?.publishedVersion ?? null };
    }
    const parsed = parseFlowJson(text, fileName);
    const result = parsed.ok ? validateFlow(parsed.value) : { ok: false, issues: parsed.issues, flow: undefined };
    const issues = result.issues;
    const previous = this.entries.get(id);
    const entry: FlowEntry = {
      id,
      name: result.flow?.name ?? previous?.name ?? id,
      revision: result.flow?.revision ?? previous?.revision ?? 0,
      publishedVersion: previous ? previous.publishedVersion : ((await this.opts.store.latest(id))?.version ?? null),
      issues,
    };
    if (result.flow && result.flow.id !== id) {
      issues.push({ severity: 'error', code: 'id-mismatch', message: `${fileName} declares id "${result.flow.id}"; the file name says "${id}".`, path: '/id' });
    }
    const errors = issues.filter((i) => i.severity === 'error');
    this.opts.onIssues?.(id, errors.length);
    if (errors.length > 0 || !result.flow) {
      this.entries.set(id, entry);
      this.opts.log.warn({ flow: id, issues: errors.slice(0, 10) }, `flow ${fileName} is invalid: the previous version keeps serving`);
      return { issues, version: entry.publishedVersion };
    }
    if ((await this.opts.store.draftHash(id)) === fileHash(text)) {
      // The runtime's own write (a studio save): a draft until someone publishes it.
      this.entries.set(id, entry);
      return { issues, version: entry.publishedVersion };
    }
    const { version, created } = await this.opts.store.publish({
      flowId: id, publishedAt: this.now(), publishedBy, summary, revision: result.flow.revision, hash: contentHash(result.flow), flow: result.flow,
    });
    entry.publishedVersion = version;
    this.entries.set(id, entry);
    this.liveCache.delete(id);
    if (created) this.opts.log.info({ flow: id, version }, `flow ${id} version ${version} is live for new conversations`);
    return { issues, version };
  }

  list(): FlowEntry[] {
    return [...this.entries.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  entry(id: string): FlowEntry | undefined {
    return this.entries.get(id);
  }

  /** The latest published version (what new conversations start on). */
  async live(flowId: string): Promise<{ flow: Flow; version: number } | null> {
    const cached = this.liveCache.get(flowId);
    let record = cached && this.now() - cached.at < LIVE_CACHE_MS ? cached.record : undefined;
    if (record === undefined) {
      record = await this.opts.store.latest(flowId);
      this.liveCache.set(flowId, { at: this.now(), record });
    }
    if (!record) return null;
    const flow = record.flow as Flow;
    this.versions.set(`${flowId}@${record.version}`, flow);
    return { flow, version: record.version };
  }

  /** A pinned version; immutable, so cached for the life of the process. */
  async version(flowId: string, version: number): Promise<Flow | null> {
    const key = `${flowId}@${version}`;
    const hit = this.versions.get(key);
    if (hit) return hit;
    const record = await this.opts.store.get(flowId, version);
    if (!record) return null;
    this.versions.set(key, record.flow as Flow);
    return record.flow as Flow;
  }

  /**
   * A subflow as a session sees it: the version the session pinned when it first called it,
   * else the live one (which the session then pins, see the worker).
   */
  async subflow(flowId: string, pinned: number | undefined): Promise<{ flow: Flow; version: number } | null> {
    if (pinned === undefined) return this.live(flowId);
    const flow = await this.version(flowId, pinned);
    return flow ? { flow, version: pinned } : null;
  }

  /** Ids of flows with at least one published version, known to this process. */
  liveIds(): string[] {
    return this.list().filter((e) => e.publishedVersion !== null).map((e) => e.id);
  }

  forget(flowId: string): void {
    this.liveCache.delete(flowId);
  }
}
