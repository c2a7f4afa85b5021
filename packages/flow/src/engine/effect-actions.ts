/**
 * The named effect actions of the compiled machine and their parameters. XState returns
 * them from `transition()` without executing them; the step driver turns each into
 * `Effect`s (and keeps the snapshot's timer table in step with schedule/cancel).
 */
import type { TemplateMessage } from '@parley/contract';
import type { ExprError } from '../expr';
import type { Effect, OutboundMessage, TimerKind } from './contract';

export type EffectAction =
  | { type: 'visit'; params: { nodeId: string } }
  | { type: 'exitNode'; params: { nodeId: string; exit: string } }
  | {
      type: 'send';
      params: {
        nodeId: string;
        messages: OutboundMessage[];
        errors: ExprError[];
        /** Goes on the first message's send effect (see Built.fallbackTemplate). */
        fallbackTemplate?: TemplateMessage;
        /** The node's outsideWindow template was refused: a `template.refused` effect, no path change. */
        refused?: Omit<Extract<Effect, { type: 'template.refused' }>, 'type'>;
      };
    }
  | { type: 'schedule'; params: { kind: Exclude<TimerKind, 'expire'>; delayMs: number; skip?: boolean } }
  | { type: 'cancelTimer'; params: { kind: Exclude<TimerKind, 'expire'> } }
  | {
      type: 'http';
      params: { nodeId: string; requestId: string; request: Extract<Effect, { type: 'http' }>['request']; errors: ExprError[] };
    }
  | { type: 'llm'; params: { nodeId: string; requestId: string; prompt: string; context: Record<string, unknown>; errors: ExprError[] } }
  | { type: 'handoff'; params: { nodeId: string; queue?: string; reason?: string } }
  | {
      type: 'refuseTemplate';
      params: Omit<Extract<Effect, { type: 'template.refused' }>, 'type'> & { errors: ExprError[] };
    }
  | { type: 'callSubflow'; params: { nodeId: string; flow: string; params: Record<string, unknown>; errors: ExprError[] } }
  | { type: 'end'; params: { nodeId: string; outcome: string } }
  | { type: 'analytics'; params: { name: Extract<Effect, { type: 'analytics' }>['name']; nodeId?: string; data?: Record<string, unknown> } }
  | { type: 'warn'; params: { nodeId: string; errors: ExprError[] } }
  | { type: 'saveContact'; params: { nodeId: string; fields: Record<string, unknown> } }
  /** Consecutive effect actions merged by the compiler into one (fewer XState action resolutions per transition). */
  | { type: 'batch'; params: { actions: EffectAction[] } };

export const EFFECT_ACTION_TYPES = [
  'visit',
  'exitNode',
  'send',
  'schedule',
  'cancelTimer',
  'http',
  'llm',
  'handoff',
  'refuseTemplate',
  'callSubflow',
  'end',
  'analytics',
  'warn',
  'saveContact',
  'batch',
] as const satisfies ReadonlyArray<EffectAction['type']>;

const EFFECT_TYPES: ReadonlySet<string> = new Set(EFFECT_ACTION_TYPES);

export function isEffectAction(action: { type: string; params?: unknown }): action is EffectAction {
  return EFFECT_TYPES.has(action.type);
}
