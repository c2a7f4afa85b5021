import type { Flow } from '../types';

/**
 * The flow a message is understood with: the active (innermost) flow's intents, entities and
 * languages, plus the interrupt intents of the flows that called it — the engine runs a caller's
 * interrupts inside a subflow, so "stop" must still be recognised there. The runtime and the
 * transcript runner both use this, so a flow is understood the same way live and in CI.
 */
export function understandingFlowFor(active: Flow, callers: readonly Flow[]): Flow {
  const own = active.intents ?? [];
  const names = new Set(own.map((i) => i.name));
  const borrowed: NonNullable<Flow['intents']> = [];
  for (const caller of callers) {
    const interrupts = new Set((caller.interrupts ?? []).map((i) => i.intent));
    for (const intent of caller.intents ?? []) {
      if (!interrupts.has(intent.name) || names.has(intent.name)) continue;
      names.add(intent.name);
      borrowed.push(intent);
    }
  }
  return borrowed.length ? { ...active, intents: [...own, ...borrowed] } : active;
}
