/**
 * The flows a step runs on: the version a running session is pinned to (or its unsaved
 * simulator draft), and the subflows it calls, loaded before the (synchronous) engine step.
 */
import type { Flow, FlowResolver } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import type { StoredSession } from '../conversation';

export interface SessionFlow {
  flowId: string;
  version: number;
  flow: Flow;
}

const MAX_SUBFLOW_PRELOAD = 16;

/** The flow a running session is pinned to (or its unsaved simulator draft). */
export async function loadSessionFlow(ctx: RuntimeContext, session: StoredSession): Promise<SessionFlow | null> {
  const { flowId } = session.snapshot;
  const { publishedVersion } = session;
  if (session.draft) return { flowId, version: 0, flow: session.draft };
  const flow = await ctx.flows.version(flowId, publishedVersion);
  if (!flow) {
    ctx.log.error({ flowId, publishedVersion }, 'pinned flow version not found: the session cannot continue');
    return null;
  }
  return { flowId, version: publishedVersion, flow };
}

export class SubflowLoader {
  /** Subflow ids per flow object (flows are immutable once loaded: computed once). */
  private readonly subflowIds = new WeakMap<Flow, string[]>();

  constructor(private readonly ctx: RuntimeContext) {}

  private subflowsOf(flow: Flow): string[] {
    let ids = this.subflowIds.get(flow);
    if (!ids) {
      ids = [...new Set(flow.nodes.flatMap((n) => (n.type === 'subflow' ? [n.flow] : [])))];
      this.subflowIds.set(flow, ids);
    }
    return ids;
  }

  /**
   * Subflows, loaded before the step: the versions the session pinned, else the live ones.
   * `used` collects what the step resolved, for the session to pin.
   */
  async resolver(flow: Flow, pinned: Record<string, number> = {}): Promise<{ resolve: FlowResolver; used: Record<string, number> }> {
    const loaded = new Map<string, { flow: Flow; version: number }>();
    const used: Record<string, number> = {};
    if (this.subflowsOf(flow).length === 0) return { resolve: () => undefined, used };
    const queue = [flow];
    while (queue.length > 0 && loaded.size < MAX_SUBFLOW_PRELOAD) {
      const f = queue.shift()!;
      for (const id of this.subflowsOf(f)) {
        if (loaded.has(id)) continue;
        const child = await this.ctx.flows.subflow(id, pinned[id]);
        if (!child) continue;
        loaded.set(id, child);
        queue.push(child.flow);
      }
    }
    const resolve: FlowResolver = (id) => {
      const child = loaded.get(id);
      if (child) used[id] = child.version;
      return child?.flow;
    };
    return { resolve, used };
  }
}
