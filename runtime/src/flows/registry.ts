/**
 * The flows a runtime serves.
 *
 * THE RULE — what is live is what was published.
 * - What new conversations start on is the store's answer (FlowVersionStore), never a file:
 *   a flow's latest version record, unless that record is an unpublish marker (then nothing
 *   new starts on the flow). Triggers (`live()`), `GET /api/flows`, `/readyz` and the history
 *   (`GET /api/flows/:id/versions`) all read it, so they agree. Versions are immutable;
 *   sessions stay pinned to the version they started on (`version()`).
 * - Files in `flows/` are what engineers deploy with git: a valid `<id>.flow.json` that is
 *   on disk at start or changed on disk (git pull, an editor) is published — the engineer's
 *   deploy — UNLESS the flow is held (`flows/.drafts/<id>`, see holds.ts).
 * - A flow is held while it has a draft that nobody published: a studio save, create,
 *   duplicate or rename (the hold is written BEFORE the file), a `parley new` scaffold, or an
 *   unpublish. A held file goes live only through POST /api/flows/:id/publish (or rollback),
 *   which lifts the hold — an outside edit of a held file stays a draft too, since publishing
 *   it would publish the unpublished studio changes inside it. Holds live on disk, so a
 *   restart (also on in-memory stores) never publishes a draft.
 * - Restart: with Redis, versions and unpublish markers persist, so what is live does not
 *   change. In-memory stores start empty: files that are not held are published again as the
 *   deploy; held flows start not live (listed with `publishedVersion: null`).
 * - An invalid file keeps the previous version serving; its issues are kept for the log and
 *   GET /api/flows.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { contentHash } from '@parley/contract';
import { formatFlow, parseFlowJson, validateFlow } from '@parley/flow';
import type { Flow, FlowLayout, ValidationIssue } from '@parley/flow';
import type { FlowVersionRecord, FlowVersionStore } from '../stores';
import type { TemplatePins, TemplateService } from '../templates/service';
import { templateSends } from './template-sends';
import { hold, isHeld, release } from './holds';
import { isFlowId } from './ids';

export const FLOW_SUFFIX = '.flow.json';
/** How long the live version is cached per process: a publish elsewhere is seen within this. */
const LIVE_CACHE_MS = 500;
/** The hash of a version record that marks an unpublish (its `flow` is null). */
const UNPUBLISHED_HASH = 'unpublished';

export interface FlowEntry {
  id: string;
  name: string;
  /** Revision of the file on disk (the draft). */
  revision: number;
  /** The version new conversations start on; null when the flow is not live. */
  publishedVersion: number | null;
  /** The file on disk is not exactly what new conversations start on (always true when not live). */
  hasUnpublishedChanges: boolean;
  /** Ids of other flows whose subflow nodes call this one (their file or their live version). */
  calledBy: string[];
  issues: ValidationIssue[];
}

interface Known {
  id: string;
  name: string;
  revision: number;
  issues: ValidationIssue[];
  /** sha256 of the file's flow in the stable format (or of its raw text when it does not parse). */
  draftHash: string;
  /** Flows the file's subflow nodes call. */
  draftCalls: string[];
  publishedVersion: number | null;
  liveHash: string | null;
  liveCalls: string[];
}

/** A publish through the admin API (or a rollback). */
export interface PublishInput {
  flow: Flow;
  layout?: FlowLayout | null;
  by: string;
  summary: string;
  /** The template versions this version sends (TemplateService.pinsFor), kept for its sessions. */
  templatePins?: TemplatePins;
  /** Published with `force` although these templates were not approved: recorded in the history. */
  forced?: NonNullable<FlowVersionRecord['forced']>;
}

export interface FlowRegistryOptions {
  dir: string;
  store: FlowVersionStore;
  log: Logger;
  now?: () => number;
  /** Called whenever a file's validation errors change (metrics). */
  onIssues?: (flowId: string, errorCount: number) => void;
}

/**
 * The `hash` of a version record. Stored with every published version and compared with the
 * next publish to skip identical content (the store's publish script), so it stays sha256 of
 * the JSON text: another hash would make every first republish after an upgrade a new version.
 */
function publishedHash(flow: unknown): string {
  return createHash('sha256').update(JSON.stringify(flow)).digest('hex');
}

/** Same logic ⇔ same hash, whatever the key order or formatting (the stable format erases both). In memory only. */
function canonicalHash(flow: unknown, fallbackText: string): string {
  try {
    return contentHash(formatFlow(flow as Flow));
  } catch {
    return contentHash(fallbackText);
  }
}

function subflowCalls(flow: unknown): string[] {
  const nodes = (flow as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const calls = nodes
    .filter((n): n is { type: 'subflow'; flow: string } => typeof n === 'object' && n !== null && (n as { type?: unknown }).type === 'subflow' && typeof (n as { flow?: unknown }).flow === 'string')
    .map((n) => n.flow);
  return [...new Set(calls)];
}

export function isUnpublishMarker(record: Pick<FlowVersionRecord, 'hash'>): boolean {
  return record.hash === UNPUBLISHED_HASH;
}

export class FlowRegistry {
  private readonly known = new Map<string, Known>();
  private readonly versions = new Map<string, Flow>();
  /** Template pins per `<flowId>@<version>` (immutable like the flow; null = the version pins none). */
  private readonly pins = new Map<string, TemplatePins | null>();
  /** Where a file deploy finds the template versions to pin (set by the composition root: `useTemplates`). */
  private templates: () => TemplateService | undefined = () => undefined;
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
   * Re-reads one flow file: valid and not held → published when it differs from the latest
   * version (the engineer's deploy); held → validated only; invalid → issues recorded, the
   * previous version keeps serving. Returns the issues and the live version.
   */
  async reloadFile(id: string, publishedBy = 'files', summary = 'loaded from flows/'): Promise<{ issues: ValidationIssue[]; version: number | null }> {
    const fileName = `${id}${FLOW_SUFFIX}`;
    if (!isFlowId(id)) {
      this.opts.log.warn({ file: fileName }, `${fileName} is ignored: its name is not a flow id (letters, digits, "-" and "_", at most 64)`);
      return { issues: [], version: null };
    }
    let text: string;
    try {
      text = await readFile(join(this.opts.dir, fileName), 'utf8');
    } catch {
      const gone = this.known.get(id);
      if (!gone) return { issues: [], version: null };
      gone.issues = [{ severity: 'error', code: 'file-missing', message: `${fileName} no longer exists; the last published version keeps serving.`, path: '' }];
      return { issues: gone.issues, version: gone.publishedVersion };
    }
    const parsed = parseFlowJson(text, fileName);
    const result = parsed.ok ? validateFlow(parsed.value) : { ok: false, issues: parsed.issues, flow: undefined };
    const issues = result.issues;
    if (result.flow && result.flow.id !== id) {
      issues.push({ severity: 'error', code: 'id-mismatch', message: `${fileName} declares id "${result.flow.id}"; the file name says "${id}".`, path: '/id' });
    }
    const previous = this.known.get(id);
    const entry: Known = {
      id,
      name: result.flow?.name ?? previous?.name ?? id,
      revision: result.flow?.revision ?? previous?.revision ?? 0,
      issues,
      draftHash: canonicalHash(parsed.ok ? parsed.value : null, text),
      draftCalls: subflowCalls(parsed.ok ? parsed.value : null),
      publishedVersion: previous?.publishedVersion ?? null,
      liveHash: previous?.liveHash ?? null,
      liveCalls: previous?.liveCalls ?? [],
    };
    this.known.set(id, entry);
    const errors = issues.filter((i) => i.severity === 'error');
    this.opts.onIssues?.(id, errors.length);
    if (errors.length > 0 || !result.flow) {
      this.opts.log.warn({ flow: id, issues: errors.slice(0, 10) }, `flow ${fileName} is invalid: the previous version keeps serving`);
    } else {
      await this.refreshEntry(entry);
      const unchanged = entry.publishedVersion !== null && entry.liveHash === entry.draftHash;
      if (await isHeld(this.opts.dir, id)) {
        // A studio draft saved back to exactly what is live holds nothing any more.
        if (unchanged) await release(this.opts.dir, id);
      } else if (!unchanged) {
        // A deploy is not gated (the engineer's git push), but its sessions are pinned to the template versions of now too.
        const templatePins = await this.pinTemplates(result.flow);
        const { version, created } = await this.opts.store.publish({
          flowId: id, publishedAt: this.now(), publishedBy, summary, revision: result.flow.revision, hash: publishedHash(result.flow), flow: result.flow,
          ...(templatePins ? { templatePins } : {}),
        });
        this.liveCache.delete(id);
        if (created) this.opts.log.info({ flow: id, version }, `flow ${id} version ${version} is live for new conversations`);
      }
    }
    await this.refreshEntry(entry);
    return { issues, version: entry.publishedVersion };
  }

  /** Reads what is live for one known flow from the store (bypassing the cache). */
  private async refreshEntry(entry: Known): Promise<void> {
    const record = await this.opts.store.latest(entry.id);
    this.liveCache.set(entry.id, { at: this.now(), record });
    await this.applyLive(entry, record);
  }

  private async applyLive(entry: Known, record: FlowVersionRecord | null): Promise<void> {
    if (!record || isUnpublishMarker(record)) {
      entry.publishedVersion = null;
      entry.liveHash = null;
      entry.liveCalls = [];
      return;
    }
    if (entry.publishedVersion === record.version && entry.liveHash) return;
    entry.publishedVersion = record.version;
    entry.liveHash = canonicalHash(record.flow, JSON.stringify(record.flow));
    entry.liveCalls = subflowCalls(record.flow);
  }

  /** Re-reads what is live for every known flow (a publish in another process counts at once). */
  async refreshLive(): Promise<void> {
    await Promise.all([...this.known.values()].map((e) => this.refreshEntry(e)));
  }

  list(): FlowEntry[] {
    const all = [...this.known.values()].sort((a, b) => a.id.localeCompare(b.id));
    return all.map((e) => ({
      id: e.id,
      name: e.name,
      revision: e.revision,
      publishedVersion: e.publishedVersion,
      hasUnpublishedChanges: e.publishedVersion === null || e.liveHash !== e.draftHash,
      calledBy: all.filter((o) => o.id !== e.id && (o.draftCalls.includes(e.id) || o.liveCalls.includes(e.id))).map((o) => o.id),
      issues: e.issues,
    }));
  }

  entry(id: string): FlowEntry | undefined {
    return this.list().find((e) => e.id === id);
  }

  /**
   * Publishes a validated draft from the admin API (always a new version) and lifts the
   * flow's hold: from now on its file is the live version until the next studio save.
   */
  async publish(id: string, version: PublishInput): Promise<number> {
    const { flow, layout, templatePins, forced } = version;
    const { version: n } = await this.opts.store.publish({
      flowId: id, publishedAt: this.now(), publishedBy: version.by, summary: version.summary, revision: flow.revision,
      hash: publishedHash(flow), flow, ...(layout ? { layout } : {}),
      // Empty ones are left out: the Redis store's cjson would turn an empty object into an array.
      ...(templatePins && Object.keys(templatePins).length > 0 ? { templatePins } : {}),
      ...(forced && forced.templates.length > 0 ? { forced } : {}),
    }, { force: true });
    await release(this.opts.dir, id);
    this.liveCache.delete(id);
    await this.reloadFile(id);
    this.opts.log.info({ flow: id, version: n, by: version.by }, `flow ${id} version ${n} is live for new conversations`);
    return n;
  }

  /**
   * No new conversation starts on the flow any more: the flow is held (its file does not go
   * live again by itself, not even at restart) and, when it was live, an unpublish marker is
   * recorded as the latest version (the history shows who and when). Running sessions keep
   * their pinned version. Returns the version that was live.
   */
  async unpublish(id: string, by: string): Promise<number | null> {
    await hold(this.opts.dir, id, 'unpublished');
    const latest = await this.opts.store.latest(id);
    const wasLive = latest && !isUnpublishMarker(latest) ? latest.version : null;
    if (wasLive !== null) {
      await this.opts.store.publish({
        flowId: id, publishedAt: this.now(), publishedBy: by, summary: `unpublished (version ${wasLive} was live)`, revision: latest?.revision ?? 0, hash: UNPUBLISHED_HASH, flow: null,
      }, { force: true });
      this.opts.log.info({ flow: id, version: wasLive, by }, `flow ${id} is unpublished: no new conversations start on it`);
    }
    const entry = this.known.get(id);
    if (entry) await this.refreshEntry(entry);
    else this.liveCache.delete(id);
    return wasLive;
  }

  /**
   * Connects the template service (call before `loadAll`): file deploys then record the template
   * versions the flow can send, as the admin API's publish does.
   */
  useTemplates(templates: () => TemplateService | undefined): void {
    this.templates = templates;
  }

  /** The pins of the templates a flow (and the live versions of its subflows) can send, kept for its sessions. */
  async pinTemplates(flow: Flow): Promise<TemplatePins | undefined> {
    const templates = this.templates();
    if (!templates?.enabled()) return undefined;
    const sends = await templateSends(flow, async (id) => (await this.live(id))?.flow ?? null);
    if (sends.length === 0) return undefined;
    const pins = templates.pinsFor(sends);
    if (Object.keys(pins).length === 0) return undefined;
    await templates.keepPins(pins);
    return pins;
  }

  /** Marks a flow's file as a draft before the admin API writes it (see holds.ts). */
  async holdDraft(id: string): Promise<void> {
    await hold(this.opts.dir, id, 'studio draft');
  }

  /** Forgets a deleted flow (its versions stay in the store for running sessions and audit). */
  async remove(id: string): Promise<void> {
    this.known.delete(id);
    this.liveCache.delete(id);
    await release(this.opts.dir, id);
  }

  /** The version new conversations start on, or null when the flow is not live. */
  async live(flowId: string): Promise<{ flow: Flow; version: number } | null> {
    const cached = this.liveCache.get(flowId);
    let record = cached && this.now() - cached.at < LIVE_CACHE_MS ? cached.record : undefined;
    if (record === undefined) {
      record = await this.opts.store.latest(flowId);
      this.liveCache.set(flowId, { at: this.now(), record });
      const entry = this.known.get(flowId);
      if (entry) await this.applyLive(entry, record);
    }
    if (!record || isUnpublishMarker(record)) return null;
    const flow = record.flow as Flow;
    this.remember(record);
    return { flow, version: record.version };
  }

  /** A pinned version; immutable, so cached for the life of the process. */
  async version(flowId: string, version: number): Promise<Flow | null> {
    const key = `${flowId}@${version}`;
    const hit = this.versions.get(key);
    if (hit) return hit;
    const record = await this.opts.store.get(flowId, version);
    if (!record || isUnpublishMarker(record)) return null;
    this.remember(record);
    return record.flow as Flow;
  }

  /**
   * The template versions a published version sends (recorded when it was published), or
   * undefined when it pins none (published before templates were files, or from a file deploy):
   * its sessions then render the template files as they are now.
   */
  async templatePins(flowId: string, version: number): Promise<TemplatePins | undefined> {
    const key = `${flowId}@${version}`;
    if (!this.pins.has(key)) await this.version(flowId, version);
    return this.pins.get(key) ?? undefined;
  }

  private remember(record: FlowVersionRecord): void {
    const key = `${record.flowId}@${record.version}`;
    this.versions.set(key, record.flow as Flow);
    this.pins.set(key, record.templatePins ?? null);
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

  /**
   * The flows triggers consider: every flow this process knows. Whether each one is live is
   * `live(id)` — the store's answer, so a publish or unpublish in another process counts
   * within LIVE_CACHE_MS (a flow that is not live is skipped there).
   */
  knownIds(): string[] {
    return [...this.known.keys()].sort();
  }

  forget(flowId: string): void {
    this.liveCache.delete(flowId);
  }
}
