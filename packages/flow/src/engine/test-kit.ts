/** Helpers for the engine's own tests: a tiny flow builder and a conversation driver. Not exported from the package. */
import type { Understanding } from '@parley/contract';
import type { Flow, FlowNode } from '../types';
import type { Effect, EngineEvent, InboundMessage, OutboundMessage } from './contract';
import type { EngineSnapshot } from './snapshot';
import { step, type StepOptions } from './step';

export function makeFlow(nodes: FlowNode[], extra: Partial<Flow> = {}): Flow {
  return { id: 'test', name: 'Test', specVersion: '1.0.0', revision: 1, languages: ['en'], start: nodes[0]!.id, nodes, ...extra };
}

export function understanding(parts: Partial<Understanding> = {}): Understanding {
  return { intent: null, confidence: 0, tier: 'rules', candidates: [], entities: [], reasons: [], elapsedMs: 0, ...parts };
}

function textOf(message: OutboundMessage): string {
  if (message.kind === 'text' || message.kind === 'choices') return message.text;
  if (message.kind === 'media') return `[${message.media.type}] ${message.media.caption ?? ''}`.trim();
  return `[template ${message.name}]`;
}

/** Drives one session through `step`, round-tripping the snapshot through JSON like a store would. */
export class Conversation {
  snapshot: EngineSnapshot | null = null;
  effects: Effect[] = [];
  now = Date.UTC(2026, 10, 21, 9);

  constructor(
    readonly flow: Flow,
    readonly options: StepOptions = {},
  ) {}

  send(event: EngineEvent): Effect[] {
    this.now += 1_000;
    const result = step(this.flow, this.snapshot, { now: this.now, ...event } as EngineEvent, this.options);
    this.snapshot = JSON.parse(JSON.stringify(result.snapshot)) as EngineSnapshot;
    this.effects = result.effects;
    return result.effects;
  }

  start(extra: Partial<Extract<EngineEvent, { type: 'start' }>> = {}): Effect[] {
    return this.send({ type: 'start', contact: { id: 'c1' }, ...extra });
  }

  say(text: string, understood?: Partial<Understanding>): Effect[] {
    return this.send({
      type: 'message',
      message: { kind: 'text', text },
      ...(understood ? { understanding: understanding(understood) } : {}),
    });
  }

  input(message: InboundMessage, understood?: Partial<Understanding>): Effect[] {
    return this.send({ type: 'message', message, ...(understood ? { understanding: understanding(understood) } : {}) });
  }

  fire(timerId: string, sprint = this.snapshot?.timers[timerId] ?? -1): Effect[] {
    return this.send({ type: 'timer.fired', timerId, sprint });
  }

  /** Texts the bot sent in the last step. */
  get texts(): string[] {
    return this.effects.flatMap((effect) => (effect.type === 'send' ? [textOf(effect.message)] : []));
  }

  of<T extends Effect['type']>(type: T): Array<Extract<Effect, { type: T }>> {
    return this.effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
  }

  get vars(): Record<string, unknown> {
    return this.snapshot?.variables ?? {};
  }
}
