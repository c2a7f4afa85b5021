/**
 * Which flow answers a contact with no active session: a keyword trigger, else an intent
 * trigger (by understanding against each candidate flow), else the tenant's default flow.
 */
import type { Flow, InboundMessage } from '@parley/flow';
import { normalizeText } from '@parley/nlu';
import type { Understanding } from '@parley/nlu';
import type { RuntimeContext } from '../platform/context';
import type { Understanders } from './understanding';

export interface ChosenFlow {
  flowId: string;
  flow: Flow;
  version: number;
  trigger: { kind: 'keyword' | 'intent' | 'event' | 'manual'; name?: string; params?: Record<string, unknown> };
  /** How the message that chose this flow was understood with it (intent triggers already did that). */
  understanding?: Understanding;
}

async function candidates(ctx: RuntimeContext, tenantId: string): Promise<Array<{ id: string; flow: Flow; version: number }>> {
  const tenant = ctx.tenants.find((t) => t.id === tenantId);
  const ids = tenant?.flows ?? ctx.flows.knownIds();
  const out: Array<{ id: string; flow: Flow; version: number }> = [];
  for (const id of ids) {
    const live = await ctx.flows.live(id);
    if (live) out.push({ id, ...live });
  }
  return out;
}

function keywordHit(text: string, keywords: string[], match: 'word' | 'exact' = 'word'): string | null {
  const words = ` ${text} `;
  for (const kw of keywords) {
    const k = normalizeText(kw);
    if (!k) continue;
    if (match === 'exact' ? text === k : words.includes(` ${k} `)) return kw;
  }
  return null;
}

export async function chooseFlowForMessage(
  ctx: RuntimeContext,
  nlu: Understanders,
  tenantId: string,
  message: InboundMessage,
): Promise<ChosenFlow | null> {
  const flows = await candidates(ctx, tenantId);
  const text = message.text ? normalizeText(message.text) : '';
  if (text) {
    for (const f of flows) {
      for (const t of f.flow.triggers ?? []) {
        if (t.type !== 'keyword') continue;
        const hit = keywordHit(text, t.keywords, t.match);
        if (hit) return { flowId: f.id, flow: f.flow, version: f.version, trigger: { kind: 'keyword', name: hit } };
      }
    }
    let best: (ChosenFlow & { confidence: number }) | null = null;
    for (const f of flows) {
      const intentTriggers = (f.flow.triggers ?? []).filter((t) => t.type === 'intent');
      if (intentTriggers.length === 0) continue;
      const u = await nlu.understand(`${f.id}@${f.version}`, f.flow, message, null);
      for (const t of intentTriggers) {
        if (t.type !== 'intent' || u.intent !== t.intent || u.confidence < (t.minConfidence ?? 0)) continue;
        if (!best || u.confidence > best.confidence)
          best = {
            flowId: f.id,
            flow: f.flow,
            version: f.version,
            trigger: { kind: 'intent', name: t.intent },
            understanding: u,
            confidence: u.confidence,
          };
      }
    }
    if (best) {
      const { confidence: _confidence, ...chosen } = best;
      return chosen;
    }
  }
  const tenant = ctx.tenants.find((t) => t.id === tenantId);
  const fallbackId = tenant?.defaultFlow ?? (flows.length === 1 ? flows[0]!.id : undefined);
  const fallback = flows.find((f) => f.id === fallbackId);
  return fallback ? { flowId: fallback.id, flow: fallback.flow, version: fallback.version, trigger: { kind: 'manual' } } : null;
}

/** Flows started by a business event: those with an event trigger of that name (or the one named). */
export async function flowsForEvent(ctx: RuntimeContext, tenantId: string, name: string, flowId?: string): Promise<ChosenFlow[]> {
  const flows = await candidates(ctx, tenantId);
  return flows
    .filter((f) => (flowId ? f.id === flowId : (f.flow.triggers ?? []).some((t) => t.type === 'event' && t.event === name)))
    .map((f) => ({ flowId: f.id, flow: f.flow, version: f.version, trigger: { kind: 'event' as const, name } }));
}
