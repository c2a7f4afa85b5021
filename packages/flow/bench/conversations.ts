/**
 * Realistic conversations for the benchmark: an auto-responder answers whatever the session
 * waits for (a tap on a choice, a typed answer of the asked type, an HTTP/LLM result, a timer,
 * an agent release). Recorded once, then replayed in the timed loop: the engine is
 * deterministic, so a replay takes exactly the same path.
 */
import { extractEntities, type Understanding } from '@parley/nlu';
import type { EngineEvent } from '../src/engine/contract';
import type { EngineSnapshot } from '../src/engine/snapshot';
import { step, type StepOptions } from '../src/engine/step';
import type { AskNode, Flow, FlowNode } from '../src/types';

const ANSWERS: Record<AskNode['expect'], string> = {
  text: 'I would like some help with my order please',
  number: '3',
  email: 'ana.garcia@example.com',
  phone: '+34 600 111 222',
  date: '2026-12-03',
  choice: '1',
  location: '',
  media: '',
};

function understand(text: string): Understanding {
  return {
    intent: null,
    confidence: 0,
    tier: 'rules',
    candidates: [],
    reasons: [],
    elapsedMs: 0,
    entities: extractEntities(text, { locale: 'en', now: Date.UTC(2026, 10, 21) }),
  };
}

function answerFor(node: FlowNode, turn: number, snapshot: EngineSnapshot): EngineEvent | undefined {
  const pending = snapshot.frames[snapshot.frames.length - 1]?.pending ?? '';
  switch (node.type) {
    case 'message': {
      const ids = node.buttons?.map((b) => b.id) ?? node.list?.sections.flatMap((s) => s.rows.map((r) => r.id)) ?? [];
      return { type: 'message', message: { kind: 'button', choiceId: ids[turn % Math.max(ids.length, 1)] ?? 'x' } };
    }
    case 'ask': {
      if (node.expect === 'choice')
        return { type: 'message', message: { kind: 'button', choiceId: node.choices?.[turn % (node.choices.length || 1)]?.id ?? 'x' } };
      if (node.expect === 'location')
        return { type: 'message', message: { kind: 'location', location: { latitude: 40.4, longitude: -3.7 } } };
      if (node.expect === 'media') return { type: 'message', message: { kind: 'media', media: { type: 'image', id: 'm1' } } };
      const text = ANSWERS[node.expect];
      return { type: 'message', message: { kind: 'text', text }, understanding: understand(text) };
    }
    case 'http':
      return {
        type: 'http.done',
        requestId: pending,
        status: 200,
        body: { status: 'shipped', eta: '2026-12-05', carrier: 'DHL', items: [{ name: 'Shoe' }], id: 'L-1' },
      };
    case 'llm':
      return { type: 'llm.done', requestId: pending, text: 'Here is what I found about your question.' };
    case 'wait':
      return { type: 'timer.fired', timerId: 'wait', sprint: snapshot.timers.wait ?? 0 };
    case 'handoff':
      return { type: 'handoff.released' };
    default:
      return undefined;
  }
}

export interface Recorded {
  flow: Flow;
  events: EngineEvent[];
  /** JSON sizes of every snapshot the conversation produced, in bytes. */
  sizes: number[];
  snapshots: EngineSnapshot[];
}

/** Plays one conversation with the auto-responder and records its events. */
export function record(flow: Flow, options: StepOptions, variant: number, maxTurns = 30): Recorded {
  const events: EngineEvent[] = [
    {
      type: 'start',
      contact: { id: `c${variant}`, name: 'Ana', language: 'en' },
      trigger: { kind: 'event', name: 'bench', params: { cart_total: 120, checkout_url: 'https://shop.test/c/1' } },
      now: 0,
    },
  ];
  const sizes: number[] = [];
  const snapshots: EngineSnapshot[] = [];
  let snapshot: EngineSnapshot | null = null;
  for (let turn = 0; turn < maxTurns; turn++) {
    const result = step(flow, snapshot, events[events.length - 1]!, options);
    snapshot = result.snapshot;
    sizes.push(Buffer.byteLength(JSON.stringify(snapshot)));
    snapshots.push(snapshot);
    if (snapshot.status === 'ended' || snapshot.status === 'expired' || snapshot.status === 'errored') break;
    const top = snapshot.frames[snapshot.frames.length - 1]!;
    const current = top.flowId === flow.id ? flow : options.resolveFlow?.(top.flowId);
    const node = current?.nodes.find((n) => n.id === snapshot!.waitingAt);
    const next = node && answerFor(node, turn + variant, snapshot);
    if (!next) break;
    events.push({ ...next, now: (turn + 1) * 60_000 } as EngineEvent);
  }
  return { flow, events, sizes, snapshots };
}
