/**
 * Machine snapshots rebuilt from a stored frame, without XState resolving the state again.
 *
 * `machine.resolveState({ value, context })` walks the state tree twice (resolve the value,
 * collect the active nodes, recompute the value, check for final states) on every step for
 * every restored frame. Everything in its result except the context depends only on the
 * state, so the resolved snapshot of each state is kept per machine and copied with the
 * frame's context: the same object shape `createMachineSnapshot` builds. XState treats
 * snapshots as immutable (every transition builds new ones), so the shared parts are safe.
 */
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';

const resolved = new WeakMap<AnyStateMachine, Map<string, AnyMachineSnapshot>>();

/** The snapshot of `machine` at state `key` (whose full value is `value`), with `context`. */
export function snapshotAt(machine: AnyStateMachine, key: string, value: StateValue, context: unknown): AnyMachineSnapshot {
  let byKey = resolved.get(machine);
  if (!byKey) {
    byKey = new Map();
    resolved.set(machine, byKey);
  }
  let template = byKey.get(key);
  if (!template) {
    template = machine.resolveState({ value, context: {} }) as AnyMachineSnapshot;
    byKey.set(key, template);
  }
  return { ...template, context } as AnyMachineSnapshot;
}
