/**
 * XState's pure transition, without its per-call cost.
 *
 * `transition(machine, snapshot, event)` from 'xstate' is pure, but every call builds a
 * throwaway actor (createActor → initial snapshot → system) only to collect the actions:
 * ~40 µs even for a two-state machine, more than the whole step budget. This module does
 * exactly what that function does — `machine.transition(snapshot, event, inertScope)` with
 * an action executor that records instead of executing — but creates the inert scope once
 * per compiled machine. Semantics are identical (same machine method, same macrostep);
 * the engine still never executes an action. engine/pure-transition.test.ts checks that
 * both give the same snapshots and actions.
 */
import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

export interface RecordedAction {
  type: string;
  params?: unknown;
}

interface InertScope {
  scope: unknown;
  sink: RecordedAction[];
}

const scopes = new WeakMap<AnyStateMachine, InertScope>();

function inertScope(machine: AnyStateMachine): InertScope {
  let found = scopes.get(machine);
  if (!found) {
    const self = createActor(machine);
    const sink: RecordedAction[] = [];
    const scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      // Record, never execute: effects are data the host performs.
      actionExecutor: (action: RecordedAction) => {
        sink.push({ type: action.type, params: action.params });
      },
    };
    found = { scope, sink };
    scopes.set(machine, found);
  }
  return found;
}

function collect<T>(machine: AnyStateMachine, run: (scope: never) => T): [T, RecordedAction[]] {
  const { scope, sink } = inertScope(machine);
  sink.length = 0;
  const result = run(scope as never);
  return [result, sink.splice(0)];
}

export function pureTransition(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: { type: string },
): [AnyMachineSnapshot, RecordedAction[]] {
  return collect(machine, (scope) => machine.transition(snapshot, event as never, scope) as AnyMachineSnapshot);
}

export function pureInitialTransition(machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, RecordedAction[]] {
  return collect(machine, (scope) => machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot);
}
