/**
 * Understanding for the worker: one Understander per pinned flow version (trained once, kept
 * in a small LRU), narrowed to what the session waits for. Tiers 1-3 run synchronously; the
 * LLM tier runs (awaited, under the worker's lease) only when an endpoint is configured.
 *
 * Inside a subflow the user talks to the child flow, so the message is understood with the
 * child's intents and entities (the innermost frame of the engine's snapshot), plus the
 * callers' interrupt intents, which the engine still honours inside the subflow.
 */
import { expectationsAt, understandingFlowFor } from '@parley/flow';
import type { EngineSnapshot, Expectations, Flow, FlowResolver, InboundMessage } from '@parley/flow';
import { createUnderstander } from '@parley/nlu';
import type { LlmConfig, ModelCache, Understander, Understanding } from '@parley/nlu';
import type { RuntimeContext } from '../platform/context';

const MAX_UNDERSTANDERS = 64;

/** The flows a session's frames run, outermost first, with their cache keys. */
interface FrameFlows {
  /** Resolves the subflows of the frame stack (as the worker's step resolves them: pinned, else live versions). */
  resolve: FlowResolver;
  /** The flow of the innermost frame and the callers above it (innermost first). */
  active: { key: string; flow: Flow };
  callers: Array<{ key: string; flow: Flow }>;
}

export class Understanders {
  private readonly cache = new Map<string, Understander>();
  private readonly models: Map<string, string>;
  /** Synchronous for the NLU package; writes through to the store so other processes reuse the model. */
  private readonly modelCache: ModelCache = {
    get: (key) => this.models.get(key),
    set: (key, value) => {
      this.models.set(key, value);
      this.ctx.stores.models
        .put(key, value)
        .catch((err: unknown) => this.ctx.log.warn({ err: (err as Error).message }, 'could not store a trained NLU model'));
    },
  };
  private readonly llm: LlmConfig | undefined;

  /** `models`: trained models loaded from the store at start (ModelStore.loadAll). */
  constructor(
    private readonly ctx: RuntimeContext,
    models: Map<string, string> = new Map(),
  ) {
    this.models = models;
    const cfg = ctx.config.llm;
    this.llm = cfg
      ? {
          baseUrl: cfg.baseUrl,
          model: cfg.model,
          timeoutMs: cfg.timeoutMs,
          fetch: ctx.fetch,
          ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
        }
      : undefined;
  }

  /** The understander of `flow` (cached under `flowKey`, which must change when the flow does). */
  get(flowKey: string, flow: Pick<Flow, 'id' | 'intents' | 'entities' | 'languages'>): Understander {
    let u = this.cache.get(flowKey);
    if (u) {
      this.cache.delete(flowKey);
      this.cache.set(flowKey, u);
      return u;
    }
    u = createUnderstander({
      flow,
      modelCache: this.modelCache,
      ...(this.ctx.nluEncoder ? { encoder: this.ctx.nluEncoder } : {}),
      ...(this.llm ? { llm: this.llm } : {}),
    });
    this.cache.set(flowKey, u);
    if (this.cache.size > MAX_UNDERSTANDERS) this.cache.delete(this.cache.keys().next().value as string);
    return u;
  }

  expectations(flow: Flow, snapshot: EngineSnapshot | null, resolve?: FlowResolver): Expectations | undefined {
    if (!snapshot) return undefined;
    return expectationsAt(flow, snapshot, resolve) ?? undefined;
  }

  /**
   * Understands `message` for a session of `flow` (cached as `flowKey`). With a snapshot inside a
   * subflow, the innermost frame's flow understands it, and the expectations come from its wait.
   */
  async understand(
    flowKey: string,
    flow: Flow,
    message: InboundMessage,
    snapshot: EngineSnapshot | null,
    pinned: Record<string, number> = {},
    opts: { preview?: boolean } = {},
  ): Promise<Understanding> {
    const frames = await this.frameFlows(flowKey, flow, snapshot, pinned);
    const u =
      frames.callers.length === 0
        ? this.get(flowKey, flow)
        : this.get(
            [frames.active.key, ...frames.callers.map((c) => c.key)].join('<'),
            understandingFlowFor(
              frames.active.flow,
              frames.callers.map((c) => c.flow),
            ),
          );
    const expectations = this.expectations(flow, snapshot, frames.resolve);
    const result = this.llm ? await u.understandAsync(message, expectations) : u.understand(message, expectations);
    // Preview traffic is not counted in metrics (docs/operations.md).
    if (!opts.preview) this.ctx.metrics.intentTier.inc({ tier: result.tier });
    return result;
  }

  /**
   * Loads the flows of the snapshot's frame stack. Subflows resolve to the session's pinned
   * versions (else live), as the worker's step resolves them, so understanding and stepping see the same child flow.
   * A frame whose flow is gone is skipped (the engine reports that when it steps).
   */
  private async frameFlows(
    flowKey: string,
    flow: Flow,
    snapshot: EngineSnapshot | null,
    pinned: Record<string, number>,
  ): Promise<FrameFlows> {
    const root = { key: flowKey, flow };
    const frames = snapshot?.frames;
    const stack: Array<{ key: string; flow: Flow }> = [];
    const loaded = new Map<string, Flow>();
    if (Array.isArray(frames)) {
      for (const frame of frames) {
        if (typeof frame?.flowId !== 'string' || frame.flowId === flow.id) {
          stack.push(root);
          continue;
        }
        const child = await this.ctx.flows.subflow(frame.flowId, pinned[frame.flowId]);
        if (!child) continue;
        loaded.set(frame.flowId, child.flow);
        stack.push({ key: `${frame.flowId}@${child.version}`, flow: child.flow });
      }
    }
    const active = stack.pop() ?? root;
    return { resolve: (id) => loaded.get(id), active, callers: active === root ? [] : stack.reverse() };
  }
}
