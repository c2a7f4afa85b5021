/**
 * Collects a step's effects: numbers sends with idempotency keys, keeps the timer table in
 * step with schedule/cancel, and drops a cancel that the same step re-schedules.
 */
import type { ExprError } from '../expr';
import type { Effect, TimerKind } from './contract';
import type { EffectAction } from './effect-actions';

export class EffectLog {
  private readonly effects: Effect[] = [];
  private sends = 0;

  constructor(private readonly flowId: string) {}

  push(effect: Effect): void {
    this.effects.push(effect);
  }

  warnings(nodeId: string, errors: ExprError[]): void {
    for (const error of errors) {
      this.effects.push({ type: 'analytics', name: 'expression.error', nodeId, data: { message: error.message, pos: error.pos } });
    }
  }

  schedule(timerId: string, kind: TimerKind, delayMs: number, sprint: number, timers: Record<string, number>): void {
    timers[timerId] = sprint;
    this.effects.push({ type: 'timer.schedule', timerId, kind, delayMs, sprint });
  }

  cancel(timerId: string, timers: Record<string, number>): void {
    if (!Object.hasOwn(timers, timerId)) return;
    delete timers[timerId];
    this.effects.push({ type: 'timer.cancel', timerId });
  }

  cancelAll(timers: Record<string, number>): void {
    for (const timerId of Object.keys(timers)) this.cancel(timerId, timers);
  }

  apply(action: Exclude<EffectAction, { type: 'callSubflow' | 'end' }>, sprint: number, timers: Record<string, number>): void {
    switch (action.type) {
      case 'visit':
        this.effects.push({ type: 'analytics', name: 'node.visit', nodeId: action.params.nodeId });
        return;
      case 'exitNode':
        this.effects.push({ type: 'analytics', name: 'node.exit', nodeId: action.params.nodeId, exit: action.params.exit });
        return;
      case 'send':
        this.warnings(action.params.nodeId, action.params.errors);
        action.params.messages.forEach((message, index) => {
          // One replacement per node: outside the window the customer gets the template once, instead of the first message.
          const fallbackTemplate = index === 0 ? action.params.fallbackTemplate : undefined;
          this.effects.push({
            type: 'send',
            key: `${this.flowId}:${sprint}:${this.sends++}`,
            nodeId: action.params.nodeId,
            message,
            ...(fallbackTemplate ? { fallbackTemplate } : {}),
          });
        });
        if (action.params.refused) this.effects.push({ type: 'template.refused', ...action.params.refused });
        return;
      case 'schedule':
        if (!action.params.skip) this.schedule(action.params.kind, action.params.kind, action.params.delayMs, sprint, timers);
        return;
      case 'cancelTimer':
        this.cancel(action.params.kind, timers);
        return;
      case 'http':
        this.warnings(action.params.nodeId, action.params.errors);
        this.effects.push({
          type: 'http',
          requestId: action.params.requestId,
          nodeId: action.params.nodeId,
          request: action.params.request,
        });
        return;
      case 'llm':
        this.warnings(action.params.nodeId, action.params.errors);
        this.effects.push({
          type: 'llm',
          requestId: action.params.requestId,
          nodeId: action.params.nodeId,
          prompt: action.params.prompt,
          context: action.params.context,
        });
        return;
      case 'handoff':
        this.effects.push({
          type: 'handoff',
          nodeId: action.params.nodeId,
          ...(action.params.queue ? { queue: action.params.queue } : {}),
          ...(action.params.reason ? { reason: action.params.reason } : {}),
        });
        return;
      case 'refuseTemplate': {
        const { errors, ...refused } = action.params;
        this.warnings(refused.nodeId, errors);
        this.effects.push({ type: 'template.refused', ...refused });
        return;
      }
      case 'analytics':
        this.effects.push({
          type: 'analytics',
          name: action.params.name,
          ...(action.params.nodeId ? { nodeId: action.params.nodeId } : {}),
          ...(action.params.data ? { data: action.params.data } : {}),
        });
        return;
      case 'warn':
        this.warnings(action.params.nodeId, action.params.errors);
        return;
      case 'saveContact':
        if (Object.keys(action.params.fields).length > 0)
          this.effects.push({ type: 'contact.update', nodeId: action.params.nodeId, fields: action.params.fields });
        return;
    }
  }

  /** Takes back the messages `nodeId` queued in this step (an ask answered by the message that started the session). */
  dropSends(nodeId: string): void {
    for (let i = this.effects.length - 1; i >= 0; i--) {
      const effect = this.effects[i]!;
      if (effect.type === 'send' && effect.nodeId === nodeId) this.effects.splice(i, 1);
    }
  }

  /** The effects, without cancels that a later schedule of the same timer in this step supersedes. */
  result(): Effect[] {
    // One pass from the end: a cancel is dropped when its timer is scheduled after it.
    const scheduledLater = new Set<string>();
    const out: Effect[] = [];
    for (let i = this.effects.length - 1; i >= 0; i--) {
      const effect = this.effects[i]!;
      if (effect.type === 'timer.schedule') scheduledLater.add(effect.timerId);
      else if (effect.type === 'timer.cancel' && scheduledLater.has(effect.timerId)) continue;
      out.push(effect);
    }
    return out.reverse();
  }
}
