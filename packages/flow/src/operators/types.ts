/**
 * Route operators: one module per operator, each with its fixtures, collected in registry.ts.
 * An operator tests an operand (the route's rendered operand template, by default the
 * user's text) with literal arguments from the flow.
 */
import type { Understanding } from '@parley/contract';
import type { InboundMessage } from '../engine/contract';
import type { EntityDecl } from '../types';

export type OperatorArg = string | number | boolean;

export interface ArgSpec {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'regex' | 'expression';
  description: string;
  optional?: boolean;
  /** The last argument may repeat (word lists). */
  variadic?: boolean;
}

export interface OperatorContext {
  input?: InboundMessage;
  understanding?: Understanding;
  variables: Record<string, unknown>;
  language: string;
  /** Epoch milliseconds. */
  now: number;
  timezone: string;
  /** The flow's custom entity patterns, for extraction when no understanding covers the operand. */
  entities?: EntityDecl[];
}

export interface OperatorResult {
  match: boolean;
  /** What matched (the number, the date, the regex groups…), available to the flow as `route.value`. */
  value?: unknown;
}

export interface OperatorFixture {
  operand: string;
  args: OperatorArg[];
  ctx?: Partial<OperatorContext>;
  expected: OperatorResult;
  /** Exercises the NLU package's lexicon / entity extraction (no understanding supplied). */
  needsNlu?: boolean;
}

export interface OperatorDef {
  name: string;
  description: string;
  args: ArgSpec[];
  /** A precise sentence when the arguments are unusable, else null. Never throws. */
  checkArgs(args: readonly unknown[]): string | null;
  /** Pure; never throws. Callers check args first. */
  test(operand: string, args: readonly OperatorArg[], ctx: OperatorContext): OperatorResult;
  fixtures: OperatorFixture[];
}
