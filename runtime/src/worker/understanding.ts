/**
 * Understanding for the worker: one Understander per pinned flow version (trained once, kept
 * in a small LRU), narrowed to what the session waits for. Tiers 1-3 run synchronously; the
 * LLM tier runs (awaited, under the worker's lease) only when an endpoint is configured.
 */
import { expectationsAt } from '@parley/flow';
import type { Expectations, Flow, InboundMessage, SnapshotHeader } from '@parley/flow';
import { createUnderstander } from '@parley/nlu';
import type { LlmConfig, ModelCache, Understander, Understanding } from '@parley/nlu';
import type { RuntimeContext } from '../app/context';

const MAX_UNDERSTANDERS = 64;

export class Understanders {
  private readonly cache = new Map<string, Understander>();
  private readonly models: Map<string, string>;
  /** Synchronous for the NLU package; writes through to the store so other processes reuse the model. */
  private readonly modelCache: ModelCache = {
    get: (key) => this.models.get(key),
    set: (key, value) => {
      this.models.set(key, value);
      this.ctx.stores.models.put(key, value).catch((err: unknown) => this.ctx.log.warn({ err: (err as Error).message }, 'could not store a trained NLU model'));
    },
  };
  private readonly llm: LlmConfig | undefined;

  /** `models`: trained models loaded from the store at start (ModelStore.loadAll). */
  constructor(private readonly ctx: RuntimeContext, models: Map<string, string> = new Map()) {
    this.models = models;
    const cfg = ctx.config.llm;
    this.llm = cfg ? {
      baseUrl: cfg.baseUrl, model: cfg.model, timeoutMs: cfg.timeoutMs, fetch: ctx.fetch,
      ...(cfg.apiKeyEnv && process.env[cfg.apiKeyEnv] ? { apiKey: process.env[cfg.apiKeyEnv] } : {}),
    } : undefined;
  }

  get(flowKey: string, flow: Flow): Understander {
    let u = this.cache.get(flowKey);
    if (u) {
      this.cache.delete(flowKey);
      this.cache.set(flowKey, u);
      return u;
    }
    u = createUnderstander({ flow, modelCache: this.modelCache, ...(this.ctx.nluEncoder ? { encoder: this.ctx.nluEncoder } : {}), ...(this.llm ? { llm: this.llm } : {}) });
    this.cache.set(flowKey, u);
    if (this.cache.size > MAX_UNDERSTANDERS) this.cache.delete(this.cache.keys().next().value as string);
    return u;
  }

  expectations(flow: Flow, snapshot: SnapshotHeader | null): Expectations | undefined {
    if (!snapshot) return undefined;
    return expectationsAt(flow, snapshot as Parameters<typeof expectationsAt>[1]) ?? undefined;
  }

  async understand(flowKey: string, flow: Flow, message: InboundMessage, snapshot: SnapshotHeader | null): Promise<Understanding> {
    const u = this.get(flowKey, flow);
    const expectations = this.expectations(flow, snapshot);
    const result = this.llm ? await u.understandAsync(message, expectations) : u.understand(message, expectations);
    this.ctx.metrics.intentTier.inc({ tier: result.tier });
    return result;
  }
}
