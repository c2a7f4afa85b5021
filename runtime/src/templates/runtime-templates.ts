/**
 * The runtime's TemplateService (`ctx.templates`): the files (files.ts), the live states
 * (status store + a short-lived per-process cache, states.ts), the gate (gate.ts), applying
 * changes with their alerts (apply.ts), the periodic pull (reconcile.ts) and submits (submit.ts).
 */
import type { TemplateGate, TemplateLanguageState, TemplateStatusEvent } from '@parley/contract';
import type { TemplateFile, TemplateIssue } from '@parley/templates';
import type { ResolvedTenant } from '../config/types';
import type { RuntimeMetrics } from '../platform/metrics';
import { raiseAlert, type AlertContext } from '../send/alerts';
import type { KeptTemplate, TemplateContentStore, TemplateStateStore } from '../stores';
import { alertFor, patchFor } from './apply';
import { onlyLanguage, TemplateFiles } from './files';
import { createGate, RendererCache, resolveContent, type ResolvedContent } from './gate';
import { reconcileEvents, type KnownLanguage } from './reconcile';
import type { TemplatePins, TemplateService } from './service';
import { liveState, TemplateStateCache } from './states';
import { submitTemplate, type SubmitResult, type TemplateWriter } from './submit';

/** How long a process trusts its copy of a tenant's states (another process's change is seen within this). */
const STATE_CACHE_MS = 1000;
const MISSING_RETRY_MS = 10_000;

export interface RuntimeTemplatesOptions {
  dir: string;
  /** The config file's folder (issues name files relative to it). */
  baseDir: string;
  stores: { templateStates: TemplateStateStore; templateContents: TemplateContentStore };
  tenants: readonly ResolvedTenant[];
  /** Alerts go where token failures go (send/alerts.ts). */
  alerts: AlertContext;
  metrics: RuntimeMetrics;
  /** The Graph client for a tenant (null without an access token). */
  api(tenant: ResolvedTenant): TemplateWriter | null;
  /** Downloads a media example for a submit. */
  download(url: string): Promise<{ bytes: Uint8Array; mimeType: string }>;
  cacheMs?: number;
}

type Listener = (tenant: string, event: TemplateStatusEvent) => void;

/** A tenant's WhatsApp Business Account id (the first WhatsApp channel that names one). */
export function wabaIdOf(tenant: ResolvedTenant): string | undefined {
  for (const c of tenant.channels) if (c.type === 'whatsapp' && c.wabaId) return c.wabaId;
  return undefined;
}

export class RuntimeTemplates implements TemplateService {
  readonly catalog: TemplateFiles;
  private readonly cache: TemplateStateCache;
  private readonly renderers = new RendererCache();
  /** Kept contents by hash (immutable: cached for the life of the process). */
  private readonly kept = new Map<string, ResolvedContent>();
  /** Hashes no store had, and when to ask again. */
  private readonly missing = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly opts: RuntimeTemplatesOptions) {
    this.catalog = new TemplateFiles(opts.dir, opts.baseDir);
    this.cache = new TemplateStateCache(opts.stores.templateStates, opts.cacheMs ?? STATE_CACHE_MS);
  }

  get dir(): string {
    return this.opts.dir;
  }

  get baseDir(): string {
    return this.opts.baseDir;
  }

  load(): Promise<void> {
    return this.catalog.loadAll();
  }

  enabled(): boolean {
    return this.catalog.any();
  }

  files(): Array<{ name: string; file: string; template?: TemplateFile; issues: TemplateIssue[] }> {
    return this.catalog.list().map(({ name, file, template, issues }) => ({ name, file, issues, ...(template ? { template } : {}) }));
  }

  get(name: string): TemplateFile | undefined {
    return this.catalog.get(name);
  }

  /** The Graph management client for a tenant (null without an access token). */
  apiFor(tenant: ResolvedTenant): TemplateWriter | null {
    return this.opts.api(tenant);
  }

  async states(tenant: string, name: string): Promise<Record<string, TemplateLanguageState>> {
    const stored = (await this.cache.fresh(tenant))[name] ?? {};
    const locked = this.catalog.lockStates(tenant, name);
    const languages = new Set([...Object.keys(this.catalog.entry(name)?.hashes ?? {}), ...Object.keys(locked), ...Object.keys(stored)]);
    const out: Record<string, TemplateLanguageState> = {};
    for (const language of languages) out[language] = liveState(stored[language], locked[language]);
    return out;
  }

  /** The state from the cache as last read (call `states` or `fresh` first for a current one). */
  private live(tenant: string, name: string, language: string): TemplateLanguageState {
    return liveState(this.cache.peek(tenant)[name]?.[language], this.catalog.lockStates(tenant, name)[language]);
  }

  async apply(tenant: string, event: TemplateStatusEvent): Promise<void> {
    await this.applyEvent(tenant, event);
  }

  /** Returns whether the event changed anything (false: already known, or stale). */
  private async applyEvent(tenant: string, event: TemplateStatusEvent): Promise<boolean> {
    const base = this.catalog.lockStates(tenant, event.name)[event.language];
    const { before, after, changed } = await this.opts.stores.templateStates.merge(
      tenant,
      event.name,
      event.language,
      patchFor(event),
      base,
    );
    this.cache.set(tenant, event.name, event.language, after);
    if (!changed) return false;
    if (event.kind === 'status' && before?.status !== after.status) this.opts.metrics.templateStatusChanges.inc({ status: after.status });
    const alert = alertFor(tenant, event, before, after);
    if (alert) await raiseAlert(this.opts.alerts, alert);
    this.emit(tenant, event);
    return true;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    this.startPolling();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  private emit(tenant: string, event: TemplateStatusEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(tenant, event);
      } catch (err) {
        this.opts.alerts.log.warn({ err }, 'template change listener failed');
      }
    }
  }

  /**
   * While someone listens (the studio's stream), changes applied by other processes are read from
   * the store every cache period and announced as events too.
   */
  private startPolling(): void {
    if (this.poll) return;
    this.poll = setInterval(() => void this.pollOnce(), this.opts.cacheMs ?? STATE_CACHE_MS);
    this.poll.unref();
  }

  private stopPolling(): void {
    clearInterval(this.poll);
    this.poll = undefined;
  }

  private async pollOnce(): Promise<void> {
    for (const tenant of this.opts.tenants) {
      try {
        const { changes } = await this.cache.reload(tenant.id);
        for (const c of changes) this.emit(tenant.id, changeEvent(wabaIdOf(tenant) ?? '', c.name, c.language, c.before, c.after));
      } catch (err) {
        this.opts.alerts.log.warn({ err: (err as Error).message, tenant: tenant.id }, 'template states could not be read');
      }
    }
  }

  pinsFor(templates: Array<{ name: string; language: string }>): TemplatePins {
    const pins: TemplatePins = {};
    for (const { name, language } of templates) {
      const hash = this.catalog.hash(name, language);
      if (hash) (pins[name] ??= {})[language] = hash;
    }
    return pins;
  }

  async keepPins(pins: TemplatePins): Promise<void> {
    const puts: Array<Promise<void>> = [];
    for (const [name, languages] of Object.entries(pins)) {
      const template = this.catalog.get(name);
      for (const [language, hash] of Object.entries(languages)) {
        if (!template || this.catalog.hash(name, language) !== hash) continue;
        puts.push(this.keep({ name, language, hash, template: onlyLanguage(template, language) }));
      }
    }
    await Promise.all(puts);
  }

  private async keep(content: KeptTemplate): Promise<void> {
    await this.opts.stores.templateContents.put(content);
    this.kept.set(content.hash, { template: content.template, hash: content.hash });
  }

  async gate(tenant: string, pins: TemplatePins | undefined): Promise<TemplateGate> {
    const states = await this.cache.fresh(tenant);
    // Pinned and approved hashes the files no longer have: load their kept content before the (synchronous) step.
    const wanted = new Set<string>();
    for (const languages of Object.values(pins ?? {})) for (const hash of Object.values(languages)) wanted.add(hash);
    for (const languages of Object.values(states)) for (const s of Object.values(languages)) if (s.hash) wanted.add(s.hash);
    await Promise.all([...wanted].map((hash) => this.loadKept(hash)));
    return createGate({
      pins,
      state: (name, language) => this.live(tenant, name, language),
      file: (name) => {
        const entry = this.catalog.entry(name);
        return entry?.template ? { template: entry.template, hashes: entry.hashes } : undefined;
      },
      kept: (hash) => this.kept.get(hash),
      renderer: (content, language) => this.renderers.get(content, language),
    });
  }

  private async loadKept(hash: string): Promise<void> {
    if (this.kept.has(hash) || this.catalog.hasHash(hash)) return;
    const now = this.opts.alerts.now();
    if ((this.missing.get(hash) ?? 0) > now) return;
    const content = await this.opts.stores.templateContents.get(hash);
    if (content) this.kept.set(hash, { template: content.template, hash });
    // Asked again only after a while: the gate runs every step, and a content nobody kept stays missing.
    else this.missing.set(hash, now + MISSING_RETRY_MS);
  }

  /** The content a send of (name, language) would render now, without pins (the admin API's summary). */
  contentFor(tenant: string, name: string, language: string): ResolvedContent | undefined {
    const entry = this.catalog.entry(name);
    return resolveContent(
      {
        pins: undefined,
        state: (n, l) => this.live(tenant, n, l),
        file: () => (entry?.template ? { template: entry.template, hashes: entry.hashes } : undefined),
        kept: (hash) => this.kept.get(hash),
        renderer: (content, l) => this.renderers.get(content, l),
      },
      name,
      language,
    );
  }

  async blocked(tenant: string, name: string, language: string): Promise<TemplateLanguageState | null> {
    await this.cache.fresh(tenant);
    const state = this.live(tenant, name, language);
    return state.status === 'paused' || state.status === 'disabled' ? state : null;
  }

  /** One periodic pull for a tenant: returns how many events it applied (0 without a wabaId or a token). */
  async reconcile(tenant: ResolvedTenant): Promise<number> {
    const wabaId = wabaIdOf(tenant);
    const api = this.opts.api(tenant);
    if (!wabaId || !api) return 0;
    // The pull's changes date from a second before the list was asked for: a webhook that lands
    // while the list is in flight is newer, and the store keeps it (a stale patch changes nothing).
    const listedAt = this.opts.alerts.now() - 1000;
    const remote = await api.list(wabaId);
    const stored = (await this.cache.reload(tenant.id)).states;
    const known: KnownLanguage[] = [];
    const names = new Set([...Object.keys(stored), ...this.catalog.list().map((e) => e.name)]);
    for (const name of names)
      for (const [language, state] of Object.entries(await this.states(tenant.id, name))) known.push({ name, language, state });
    const { events, fills } = reconcileEvents(wabaId, remote, known, listedAt);
    for (const fill of fills) {
      const base = this.catalog.lockStates(tenant.id, fill.name)[fill.language];
      const { after } = await this.opts.stores.templateStates.merge(
        tenant.id,
        fill.name,
        fill.language,
        { id: fill.id, ...(fill.category ? { category: fill.category } : {}) },
        base,
      );
      this.cache.set(tenant.id, fill.name, fill.language, after);
    }
    let applied = 0;
    for (const event of events) if (await this.applyEvent(tenant.id, event)) applied++;
    return applied;
  }

  /** Pushes one template's new or changed languages to Meta and records what Meta answered. */
  async submit(tenant: ResolvedTenant, name: string, api: TemplateWriter, wabaId: string): Promise<SubmitResult[]> {
    const entry = this.catalog.entry(name);
    if (!entry?.template) throw new Error(`template ${name} has errors or does not exist`);
    const template = entry.template;
    await this.cache.fresh(tenant.id);
    const results = await submitTemplate({
      template,
      hashes: entry.hashes,
      wabaId,
      ...(tenant.appId ? { appId: tenant.appId } : {}),
      api,
      live: (language) => this.live(tenant.id, name, language),
      download: this.opts.download,
      now: this.opts.alerts.now(),
    });
    for (const r of results) {
      if (!r.state || r.action === 'unchanged' || r.action === 'failed') continue;
      const hash = r.state.hash!;
      await this.keep({ name, language: r.language, hash, template: onlyLanguage(template, r.language) });
      const base = this.catalog.lockStates(tenant.id, name)[r.language];
      const { before, after, changed } = await this.opts.stores.templateStates.merge(
        tenant.id,
        name,
        r.language,
        { ...r.state, reason: null },
        base,
      );
      this.cache.set(tenant.id, name, r.language, after);
      r.state = after;
      if (changed) this.emit(tenant.id, changeEvent(wabaId, name, r.language, before ?? undefined, after));
    }
    return results;
  }

  close(): void {
    this.stopPolling();
    this.listeners.clear();
  }
}

/** A status event describing a state change seen in the store (another process applied it) or made by a submit. */
function changeEvent(
  wabaId: string,
  name: string,
  language: string,
  before: TemplateLanguageState | undefined,
  after: TemplateLanguageState,
): TemplateStatusEvent {
  const kind: TemplateStatusEvent['kind'] =
    !before || before.status !== after.status
      ? 'status'
      : before.quality !== after.quality
        ? 'quality'
        : before.category !== after.category
          ? 'category'
          : 'status';
  return {
    kind,
    wabaId,
    templateId: after.id ?? '',
    name,
    language,
    status: after.status,
    ...(after.quality ? { quality: after.quality } : {}),
    ...(before?.quality ? { previousQuality: before.quality } : {}),
    ...(after.category ? { category: after.category } : {}),
    ...(before?.category ? { previousCategory: before.category } : {}),
    ...(after.reason ? { reason: after.reason } : {}),
    at: after.updatedAt ?? Date.now(),
  };
}
