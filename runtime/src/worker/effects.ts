/** Turns the engine's effects into the parts of an atomic commit, plus the I/O jobs run after it. */
import type { Effect, OutboundMessage, TimerKind } from '@parley/flow';
import type { CounterIncrement, Lane, OutboundItem, TimerSpec } from '../conversation';
import { analyticsKey, counterKey, DEFAULT_EXIT, type CounterKey } from '../analytics/counters';
import { contactUpdateOf, type ContactUpdate } from '../contacts/update';

export type Job = Extract<Effect, { type: 'http' | 'llm' }>;

export interface EffectPlan {
  outbound: OutboundItem[];
  timersSet: TimerSpec[];
  timersCancel: string[];
  timerKinds: Record<string, TimerKind>;
  counters: CounterIncrement[];
  jobs: Job[];
  errors: Array<Extract<Effect, { type: 'error' }>>;
  handoffs: Array<Extract<Effect, { type: 'handoff' }>>;
  /** Template sends the gate refused (the node took its failure path; nothing was queued for them). */
  refusals: TemplateRefusedEffect[];
  visited: string[];
  /** What set nodes saved to the contact (`contact.<field>`), written after the commit by contact sync. */
  contactUpdates: ContactUpdate[];
}

type TemplateRefusedEffect = Extract<Effect, { type: 'template.refused' }>;

/** Bulk lane for marketing templates; replies and notifications (utility, authentication) keep the step's lane. */
const MARKETING_LANE: Lane = 2;

/** The lane a message goes out on: a marketing template never holds up replies or notifications. */
export function laneFor(message: OutboundMessage, stepLane: Lane): Lane {
  return message.kind === 'template' && message.category === 'marketing' ? MARKETING_LANE : stepLane;
}

export interface PlanInput {
  effects: Effect[];
  flowId: string;
  /** Session identity: makes the engine's per-session send keys unique per conversation. */
  sessionKey: string;
  lane: Lane;
  now: number;
  causedAt?: number;
  /** The campaign that started the session: its counters are also kept under the campaign (its funnel). */
  campaign?: string;
}

export function planEffects(input: PlanInput): EffectPlan {
  const plan: EffectPlan = {
    outbound: [],
    timersSet: [],
    timersCancel: [],
    timerKinds: {},
    counters: [],
    jobs: [],
    errors: [],
    handoffs: [],
    refusals: [],
    visited: [],
    contactUpdates: [],
  };
  const count = (counter: CounterKey): void => {
    const field = counterKey(counter);
    plan.counters.push({ key: analyticsKey(input.flowId, input.now), field, by: 1 });
    if (input.campaign !== undefined) plan.counters.push({ key: analyticsKey(input.flowId, input.now, input.campaign), field, by: 1 });
  };
  for (const e of input.effects) {
    switch (e.type) {
      case 'send':
        plan.outbound.push({
          key: `${input.sessionKey}:${e.key}`,
          nodeId: e.nodeId,
          lane: laneFor(e.message, input.lane),
          message: e.message,
          attempts: 0,
          createdAt: input.now,
          ...(e.fallbackTemplate ? { fallbackTemplate: e.fallbackTemplate } : {}),
          ...(input.causedAt !== undefined ? { causedAt: input.causedAt } : {}),
        });
        break;
      case 'timer.schedule':
        plan.timersCancel = plan.timersCancel.filter((id) => id !== e.timerId);
        plan.timersSet = plan.timersSet.filter((t) => t.timerId !== e.timerId);
        plan.timersSet.push({ timerId: e.timerId, sprint: e.sprint, dueAt: input.now + e.delayMs });
        plan.timerKinds[e.timerId] = e.kind;
        break;
      case 'timer.cancel':
        plan.timersSet = plan.timersSet.filter((t) => t.timerId !== e.timerId);
        if (!plan.timersCancel.includes(e.timerId)) plan.timersCancel.push(e.timerId);
        break;
      case 'http':
      case 'llm':
        plan.jobs.push(e);
        break;
      case 'handoff':
        plan.handoffs.push(e);
        count({ kind: 'handoff', node: e.nodeId });
        break;
      case 'template.refused':
        plan.refusals.push(e);
        count({ kind: 'event', name: 'template.refused', node: e.nodeId });
        break;
      case 'end':
        break;
      case 'contact.update':
        plan.contactUpdates.push(contactUpdateOf(e.fields));
        break;
      case 'analytics':
        if (e.name === 'node.visit' && e.nodeId) {
          count({ kind: 'visit', node: e.nodeId });
          plan.visited.push(e.nodeId);
        } else if (e.name === 'node.exit' && e.nodeId) count({ kind: 'exit', node: e.nodeId, exit: e.exit ?? DEFAULT_EXIT });
        else if (e.name === 'flow.start') count({ kind: 'start' });
        else if (e.name === 'flow.end') count({ kind: 'end' });
        else count({ kind: 'event', name: e.name, ...(e.nodeId ? { node: e.nodeId } : {}) });
        break;
      case 'error':
        plan.errors.push(e);
        count({ kind: 'error' });
        break;
    }
  }
  return plan;
}
