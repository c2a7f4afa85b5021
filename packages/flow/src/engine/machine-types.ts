/**
 * What the compiled XState machine works with: its context (one frame of a session),
 * its events (host events translated by the step driver) and the turn every event carries.
 */
import type { TemplateGate, Understanding } from '@parley/contract';
import type { Contact, InboundMessage } from './contract';
import type { EntityDecl } from '../types';

/** The current step's facts, attached to every machine event so guards and renders can read them. */
export interface Turn {
  now: number;
  /** The step's sprint: request ids embed it, so a late result from an older step is stale. */
  sprint: number;
  language: string;
  timezone: string;
  input?: InboundMessage;
  understanding?: Understanding;
  /** Flow entity patterns for reading `input` when no understanding of it fits this flow (a message carried into a subflow). */
  entities?: EntityDecl[];
  contact?: Contact;
  trigger?: { kind: string; name?: string; params?: Record<string, unknown> };
  /** The step's transition cap, shared by the driver's events and the eventless chains (see compile.ts). */
  budget: TransitionBudget;
  /** The host's template gate (StepOptions.templates): asked at template nodes. */
  templates?: TemplateGate;
}

/**
 * Counts the machine transitions of one step. Deliberately mutable: the driver counts the
 * events it sends, the `transitionCap` guard counts each eventless hop, and the first count
 * past `max` stops the step (`at` is the node where it stopped).
 */
export interface TransitionBudget {
  used: number;
  max: number;
  at?: string;
}

/** A return point: an interrupt or a nudge goes back here when its branch ends. */
export interface ResumePoint {
  node: string;
  /** false after a nudge: go back to waiting without repeating the prompt. */
  reprompt: boolean;
}

/** One frame of a session (the root flow or a subflow). Plain JSON. */
export interface MachineContext {
  vars: Record<string, unknown>;
  /** Failed answers at the current ask / choice. */
  retries: number;
  resume: ResumePoint[];
  /** The http/llm request id this frame waits for. */
  pending: string | null;
  /** The wait whose soft timeout already fired (nudge once). */
  nudged: string | null;
  /** The wait to re-enter without repeating its prompt. */
  quiet: string | null;
  /** The last route match: `route.case` and `route.value` in templates. */
  route: { case: string; value: unknown } | null;
  /** True in a subflow frame: a finished branch returns to the caller instead of ending the session. */
  child: boolean;
}

export type MachineEvent =
  | { type: 'next'; turn: Turn }
  | { type: 'message'; turn: Turn }
  | { type: 'timer'; kind: 'ask_timeout' | 'soft_timeout' | 'wait'; turn: Turn }
  | {
      type: 'http';
      requestId: string;
      ok: boolean;
      status: number;
      body: unknown;
      headers: Record<string, string>;
      error?: string;
      turn: Turn;
    }
  | { type: 'llm'; requestId: string; ok: boolean; text: string; error?: string; turn: Turn }
  | { type: 'released'; variables: Record<string, unknown>; turn: Turn }
  | { type: 'child'; variables: Record<string, unknown>; turn: Turn };

export interface MachineInput {
  vars: Record<string, unknown>;
  child: boolean;
}

/** Reserved state keys next to the node states. */
export const BOOT = '__boot';
/** A branch ended (null/absent exit): resume, return to the caller, or end the session. */
export const RETURN = '__return';
/** A subflow frame finished; the driver pops it. */
export const DONE = '__done';
/** The root flow finished. */
export const ENDED = '__ended';
/** A chain of nodes that do not wait ran past the step's transition cap; the driver stops with an error. */
export const CAP = '__cap';

export function emptyContext(input: MachineInput): MachineContext {
  return { vars: input.vars, retries: 0, resume: [], pending: null, nudged: null, quiet: null, route: null, child: input.child };
}

/** Every state has an explicit id so targets work across the groups the compiler nests states in. */
export function stateIdOf(key: string): string {
  return `s:${key}`;
}

export function targetOf(key: string): string {
  return `#${stateIdOf(key)}`;
}
