/**
 * Processes ONE inbox item of a conversation into a commit: load what the item needs, resolve
 * the flow (pinned version for a running session, triggers for a new one), understand, step
 * the pure engine and plan its effects. Performs no writes; the caller commits atomically.
 */
import { classifyStatusErrors } from '@parley/channels';
import { isUserEvent, step } from '@parley/flow';
import type { EngineEvent, Flow, FlowResolver, InboundMessage, SnapshotHeader, TimerKind } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { RuntimeContext } from '../platform/context';
import { MESSAGE_STATE_TTL_SEC } from '../platform/context';
import { parseConversationId } from '../conversation';
import type { SimulatorEvent } from '../simulator/hub';
import { isPreview } from '../simulator/preview';
import type { Commit, ConversationId, ConversationState, DeskEntry, InboxItem, Lane, StoredSession } from '../conversation';
import { describeInbound, describeOutbound, entry, type DeskEvent } from './desk';
import { deskControl, releaseDesk, simulatorState, toDesk } from './desk-steps';
import type { Job } from './effects';
import { MAX_JOB_RUNS, isJobTimer, jobBudgetMs, jobTimerId, lostJobFailure, requestIdOf, trackJobs } from './job-recovery';
import { planEffects } from './effects';
import { chooseFlowForMessage, flowsForEvent } from './triggers';
import type { ChosenFlow } from './triggers';
import type { Understanders } from './understanding';
import { previewOnly } from './preview';

type EngineSnapshotLike = SnapshotHeader & Record<string, unknown>;

export interface ProcessOutcome {
  commit: Commit;
  jobs: Job[];
  /** Simulator conversations: state events to publish after the commit. */
  simulator: SimulatorEvent[];
  /** Agent desk events to announce after the commit. */
  desk?: DeskEvent[];
}

const FINISHED = new Set(['ended', 'expired', 'errored']);
/** A status can overtake the sender's record of the message it is about: wait this long for it. */
const STATUS_GRACE_MS = 10_000;

/** Thrown to put an item back for a moment without counting it as a failure. */
export class RetryLater extends Error {
  constructor(readonly delayMs: number, reason: string) {
    super(reason);
    this.name = 'RetryLater';
  }
}
const MAX_SUBFLOW_PRELOAD = 16;
/** Messages kept while a request is in flight; beyond this the engine sees them (and drops what it cannot use). */
const MAX_DEFERRED = 20;

export interface SessionFlow {
  flowId: string;
  version: number;
  flow: Flow;
}

export class ItemProcessor {
  constructor(readonly ctx: RuntimeContext, private readonly nlu: Understanders) {}

  base(): Commit {
    return { popInbox: true, outbound: [], timersSet: [], timersCancel: [], counters: [], sessionTtlSec: this.ctx.config.sessions.ttlSeconds };
  }

  async process(conv: ConversationId, item: InboxItem, state: ConversationState): Promise<ProcessOutcome> {
    const out = await this.dispatch(conv, item, state);
    return isPreview(conv) ? previewOnly(out) : out;
  }

  private async dispatch(conv: ConversationId, item: InboxItem, state: ConversationState): Promise<ProcessOutcome> {
    const { tenant, channel, contactId } = parseConversationId(conv);
    const now = this.ctx.now();
    const session = state.session && !FINISHED.has(state.session.snapshot.status) ? state.session : null;
    const current = session ? await this.sessionFlow(session) : null;

    switch (item.kind) {
      case 'message': {
        const contact = { lastInboundAt: item.sentAt ?? item.receivedAt, ...(item.contact.name ? { name: item.contact.name } : {}), ...(item.contact.phone ? { phone: item.contact.phone } : {}), ...(item.via ? { via: item.via } : {}) };
        if (session?.desk) return toDesk(this, conv, session, item, contact);
        // The bot is waiting for an HTTP/LLM answer: keep the message for when it is in (the engine would drop it).
        if (session && current && session.jobs && (session.deferred?.length ?? 0) < MAX_DEFERRED) {
          return { commit: { ...this.base(), contact, session: { ...session, deferred: [...(session.deferred ?? []), item] } }, jobs: [], simulator: simulatorState(conv, session) };
        }
        // A reaction, edit, revoke or system notice is no reply: the engine leaves the wait as it is (nothing to understand).
        if (session && current && isUserEvent(item.message)) {
          const out = await this.runStep(conv, session, current, { type: 'message', message: item.message, now }, { lane: 0, causedAt: item.receivedAt });
          out.commit.contact = contact;
          return out;
        }
        if (session && current) {
          const understanding = await this.nlu.understand(`${current.flowId}@${current.version}`, current.flow, item.message, session.snapshot, session.subflows, { preview: isPreview(conv) });
          if (understanding.llmUnavailable) await this.holdForLlm(conv, item);
          const out = await this.runStep(conv, session, current, { type: 'message', message: item.message, understanding, now }, { lane: 0, causedAt: item.receivedAt, understanding });
          out.commit.contact = contact;
          return out;
        }
        if (isUserEvent(item.message)) {
          this.ctx.log.info({ conv, kind: item.message.kind }, 'event dropped: a reaction, edit, revoke or system notice does not start a flow');
          return { commit: { ...this.base(), contact }, jobs: [], simulator: [] };
        }
        const chosen = channel === 'simulator' ? null : await chooseFlowForMessage(this.ctx, this.nlu, tenant, item.message);
        if (!chosen) {
          this.ctx.log.info({ conv }, 'message dropped: no active session, no trigger matched and no default flow');
          return { commit: { ...this.base(), contact }, jobs: [], simulator: [] };
        }
        // The message that started the flow is its first step's input (understood with the chosen flow).
        const understanding = chosen.understanding ?? await this.nlu.understand(`${chosen.flowId}@${chosen.version}`, chosen.flow, item.message, null);
        const opening = { message: item.message, understanding };
        const out = await this.start(conv, chosen, { id: contactId, ...(item.contact.name ? { name: item.contact.name } : {}), ...(item.contact.phone ? { phone: item.contact.phone } : {}) }, channel, 0, item.receivedAt, undefined, undefined, opening);
        out.commit.contact = contact;
        return out;
      }
      case 'timer': {
        if (isJobTimer(item.timerId)) return this.jobDeadline(conv, session, current, item);
        // While a person has the conversation the bot's timers do not interrupt them.
        if (!session || !current || session.desk) return { commit: this.base(), jobs: [], simulator: [] };
        return this.runStep(conv, session, current, { type: 'timer.fired', timerId: item.timerId, sprint: item.sprint, now }, { lane: session.lane ?? 0 });
      }
      case 'engine': {
        if (!session || !current) return { commit: this.base(), jobs: [], simulator: [] };
        if (item.event.type === 'handoff.released' && session.desk) return releaseDesk(this, conv, session, current, item.event);
        return this.runStep(conv, session, current, item.event, { lane: session.lane ?? 0 });
      }
      case 'event': {
        const [chosen] = await flowsForEvent(this.ctx, tenant, item.name, item.flowId);
        if (!chosen) {
          this.ctx.log.warn({ conv, event: item.name }, 'event dropped: no flow is triggered by it');
          return { commit: this.base(), jobs: [], simulator: [] };
        }
        chosen.trigger.params = item.params;
        return this.start(conv, chosen, { id: contactId, ...(item.contact.name ? { name: item.contact.name } : {}), ...(item.contact.phone ? { phone: item.contact.phone } : {}) }, channel, item.lane ?? 1, item.receivedAt, state.session ?? undefined);
      }
      case 'status':
        return this.status(conv, item);
      case 'control':
        return this.control(conv, item, session, current, state);
    }
  }

  /**
   * The LLM tier was needed but is down: send the configured holding message (once — its key is
   * per message, and the sender never sends a key twice) and retry the message later; after
   * `llm.retryForMs` the best tier-1-3 answer is used instead.
   */
  private async holdForLlm(conv: ConversationId, item: Extract<InboxItem, { kind: 'message' }>): Promise<void> {
    const cfg = this.ctx.config.llm;
    if (!cfg || this.ctx.now() - item.receivedAt >= cfg.retryForMs) return;
    if (cfg.holdingMessage) {
      await this.ctx.stores.outbox.enqueue(conv, {
        key: `hold:${item.id}`, nodeId: '', lane: 0, attempts: 0, createdAt: this.ctx.now(), message: { kind: 'text', text: cfg.holdingMessage },
      }, this.ctx.now());
    }
    throw new RetryLater(Math.max(100, Math.min(15_000, Math.floor(cfg.retryForMs / 4))), 'the LLM tier is unavailable');
  }

  /** The flow a running session is pinned to (or its unsaved simulator draft). */
  async sessionFlow(session: StoredSession): Promise<SessionFlow | null> {
    const { flowId, flowVersion } = session.snapshot;
    if (session.draft) return { flowId, version: 0, flow: session.draft as Flow };
    const flow = await this.ctx.flows.version(flowId, flowVersion);
    if (!flow) {
      this.ctx.log.error({ flowId, flowVersion }, 'pinned flow version not found: the session cannot continue');
      return null;
    }
    return { flowId, version: flowVersion, flow };
  }

  /** Subflow ids per flow object (flows are immutable once loaded: computed once). */
  private readonly subflowIds = new WeakMap<Flow, string[]>();

  private subflowsOf(flow: Flow): string[] {
    let ids = this.subflowIds.get(flow);
    if (!ids) {
      ids = [...new Set(flow.nodes.flatMap((n) => (n.type === 'subflow' ? [n.flow] : [])))];
      this.subflowIds.set(flow, ids);
    }
    return ids;
  }

  /**
   * Subflows, loaded before the (synchronous) step: the versions the session pinned, else the
   * live ones. `used` collects what the step resolved, for the session to pin.
   */
  private async resolver(flow: Flow, pinned: Record<string, number> = {}): Promise<{ resolve: FlowResolver; used: Record<string, number> }> {
    const loaded = new Map<string, { flow: Flow; version: number }>();
    const used: Record<string, number> = {};
    if (this.subflowsOf(flow).length === 0) return { resolve: () => undefined, used };
    const queue = [flow];
    while (queue.length > 0 && loaded.size < MAX_SUBFLOW_PRELOAD) {
      const f = queue.shift()!;
      for (const id of this.subflowsOf(f)) {
        if (loaded.has(id)) continue;
        const child = await this.ctx.flows.subflow(id, pinned[id]);
        if (!child) continue;
        loaded.set(id, child);
        queue.push(child.flow);
      }
    }
    const resolve: FlowResolver = (id) => {
      const child = loaded.get(id);
      if (child) used[id] = child.version;
      return child?.flow;
    };
    return { resolve, used };
  }

  private async start(
    conv: ConversationId, chosen: ChosenFlow, contact: { id: string; name?: string; phone?: string }, channel: string, lane: Lane, causedAt: number,
    previous?: StoredSession, draft?: Flow, opening?: { message: InboundMessage; understanding: Understanding },
  ): Promise<ProcessOutcome> {
    const now = this.ctx.now();
    const session: StoredSession = { snapshot: null as unknown as EngineSnapshotLike, startedAt: now, lane, ...(draft ? { draft } : {}) };
    const event: EngineEvent = { type: 'start', contact: { ...contact, channel: channel as 'whatsapp' }, trigger: chosen.trigger, now, ...opening };
    const out = await this.runStep(conv, session, { flowId: chosen.flowId, version: chosen.version, flow: chosen.flow }, event, { lane, causedAt, fresh: true, ...(opening ? { understanding: opening.understanding } : {}) });
    // A new session replaces the old one: its timers must not fire into the new one.
    if (previous?.timerKinds) for (const id of Object.keys(previous.timerKinds)) if (!out.commit.timersSet.some((t) => t.timerId === id)) out.commit.timersCancel.push(id);
    // ...and a desk the old one had is closed (unless the new one opened its own).
    if (previous?.desk && !out.commit.desk?.open) out.commit.desk = { close: true };
    return out;
  }

  async runStep(
    conv: ConversationId, session: StoredSession, current: SessionFlow, event: EngineEvent,
    opts: { lane: Lane; causedAt?: number; understanding?: Understanding; fresh?: boolean },
  ): Promise<ProcessOutcome> {
    const now = this.ctx.now();
    const previous = opts.fresh ? null : (session.snapshot as never);
    const subflows = await this.resolver(current.flow, session.subflows);
    const result = step(current.flow, previous, event, { now, resolveFlow: subflows.resolve });
    // The engine numbers the version from the flow's revision; the runtime pins the published version.
    const snapshot = { ...(result.snapshot as unknown as EngineSnapshotLike), flowVersion: current.version };
    const plan = planEffects({ effects: result.effects, flowId: current.flowId, sessionKey: String(session.startedAt), lane: opts.lane, now, ...(opts.causedAt !== undefined ? { causedAt: opts.causedAt } : {}) });
    const timerKinds: Record<string, TimerKind> = { ...(session.timerKinds ?? {}) };
    for (const id of plan.timersCancel) delete timerKinds[id];
    Object.assign(timerKinds, plan.timerKinds);
    const finished = FINISHED.has(snapshot.status);
    const jobs = trackJobs(session, event, plan, now, this.ctx.config);
    if (finished) for (const id of [...Object.keys(timerKinds), ...Object.keys(jobs).map(jobTimerId)]) if (!plan.timersCancel.includes(id)) plan.timersCancel.push(id);
    for (const e of plan.errors) this.ctx.log.warn({ conv, flow: current.flowId, code: e.code, nodeId: e.nodeId }, `engine error: ${e.message}`);
    for (const h of plan.handoffs) this.ctx.log.info({ conv, nodeId: h.nodeId, queue: h.queue }, 'conversation handed off to an agent');
    const simulator = parseConversationId(conv).channel === 'simulator';
    const { jobs: _before, deferred, ...rest } = session;
    const pins = { ...session.subflows, ...subflows.used };
    const waiting = Object.keys(jobs).length > 0 && !finished;
    const running: StoredSession = {
      ...rest, snapshot, timerKinds, lane: opts.fresh ? opts.lane : (session.lane ?? 0),
      ...(waiting ? { jobs } : {}), ...(Object.keys(pins).length > 0 ? { subflows: pins } : {}),
      ...(waiting && deferred ? { deferred } : {}),
    };
    // The answer is in: the messages kept meanwhile go back to the head of the inbox, in order.
    const requeue = !waiting && deferred && deferred.length > 0 ? deferred : undefined;
    const handoff = plan.handoffs[0];
    let desk: Commit['desk'];
    const notify: DeskEvent[] = [];
    if (handoff && !finished && snapshot.status === 'handoff' && !running.desk) {
      running.desk = { since: now, by: 'flow', ...(handoff.queue ? { queue: handoff.queue } : {}), ...(handoff.reason ? { reason: handoff.reason } : {}) };
      const log: DeskEntry[] = [];
      if (event.type === 'message') log.push(entry(now, 'user', describeInbound(event.message)));
      for (const o of plan.outbound) log.push(entry(now, 'bot', describeOutbound(o.message)));
      log.push(entry(now, 'system', `handed off${handoff.queue ? ` to ${handoff.queue}` : ''}${handoff.reason ? `: ${handoff.reason}` : ''}`));
      desk = { open: { since: now }, log };
      notify.push({ type: 'handoff.started', conversation: conv, desk: running.desk, transcript: log, variables: snapshot.variables as Record<string, unknown> });
    }
    if (finished && session.desk) desk = { close: true };
    // A finished session is deleted — except in the simulator, where it is kept (without timers)
    // so that "restart" still knows which flow, or which unsaved draft, to start again.
    const stored: StoredSession | null = !finished ? running : simulator ? { ...running, timerKinds: {} } : null;
    const commit: Commit = {
      ...this.base(),
      session: stored,
      outbound: plan.outbound,
      timersSet: finished ? [] : plan.timersSet,
      timersCancel: plan.timersCancel,
      counters: plan.counters,
      ...(desk ? { desk } : {}),
      ...(requeue ? { requeue } : {}),
    };
    const events: SimulatorEvent[] = simulator ? [
      ...plan.errors.map((e) => ({ type: 'error' as const, message: `${e.nodeId ? `${e.nodeId}: ` : ''}${e.message}` })),
      ...plan.handoffs.map((h) => ({ type: 'handoff' as const, nodeId: h.nodeId, ...(h.queue ? { queue: h.queue } : {}), ...(h.reason ? { reason: h.reason } : {}) })),
      {
        type: 'state', status: snapshot.status, variables: snapshot.variables, visited: plan.visited, outbound: commit.outbound.length,
        ...(snapshot.waitingAt ? { waitingAt: snapshot.waitingAt } : {}), ...(opts.understanding ? { understanding: opts.understanding } : {}),
      },
    ] : [];
    return { commit, jobs: finished ? [] : plan.jobs, simulator: events, desk: notify };
  }

  /** Delivery statuses: update the message's state; a late 131047 re-sends the node's template. */
  private async status(conv: ConversationId, item: Extract<InboxItem, { kind: 'status' }>): Promise<ProcessOutcome> {
    const commit = this.base();
    const state = await this.ctx.stores.messages.get(conv, item.messageId);
    // Meta names the outbound item (its key, echoed as biz_opaque_callback_data): it was accepted.
    // Recording that closes the window where a sender dies between Meta's answer and its ack,
    // and the next sender would send the message again.
    const sentKey = !state && item.callbackData && !/#\d+$/.test(item.callbackData) ? item.callbackData : undefined;
    if (sentKey) await this.ctx.stores.outbox.recordSent(conv, sentKey, item.messageId);
    if (!state) {
      // Meta can report a status before the sender has recorded the message id.
      if (this.ctx.now() - item.receivedAt < STATUS_GRACE_MS) throw new RetryLater(250, `status for ${item.messageId} arrived before its send was recorded`);
      return { commit, jobs: [], simulator: [] };
    }
    await this.ctx.stores.messages.set(item.messageId, { ...state, state: item.status, updatedAt: this.ctx.now() }, MESSAGE_STATE_TTL_SEC);
    if (item.status === 'failed') {
      const cls = classifyStatusErrors((item.errorCodes ?? []).map((code) => ({ code })));
      this.ctx.log.warn({ conv, messageId: item.messageId, code: cls.code, kind: cls.kind }, 'message failed after it was accepted');
      if (cls.kind === 'window_closed' && state.fallbackTemplate) {
        commit.outbound.push({ key: `${state.key}:template`, nodeId: state.nodeId ?? '', lane: 0, message: state.fallbackTemplate, attempts: 0, createdAt: this.ctx.now() });
      }
    }
    return { commit, jobs: [], simulator: [] };
  }

  /** A request's deadline passed without a result: its worker died. Run it again, or give the flow a failure. */
  private async jobDeadline(conv: ConversationId, session: StoredSession | null, current: SessionFlow | null, item: Extract<InboxItem, { kind: 'timer' }>): Promise<ProcessOutcome> {
    const entry = session?.jobs?.[requestIdOf(item.timerId)];
    if (!session || !current || !entry || entry.run !== item.sprint) return { commit: this.base(), jobs: [], simulator: [] };
    const { job } = entry;
    if (entry.run >= MAX_JOB_RUNS) {
      this.ctx.log.error({ conv, nodeId: job.nodeId, requestId: job.requestId, runs: entry.run }, 'request lost with its worker too often: the flow takes its failure exit');
      return this.runStep(conv, session, current, lostJobFailure(job), { lane: session.lane ?? 0 });
    }
    const run = entry.run + 1;
    this.ctx.log.warn({ conv, nodeId: job.nodeId, requestId: job.requestId, run }, 'no result before the deadline (its worker died?): running the request again');
    const stored: StoredSession = { ...session, jobs: { ...session.jobs, [job.requestId]: { job, run } } };
    return {
      commit: { ...this.base(), session: stored, timersSet: [{ timerId: item.timerId, sprint: run, dueAt: this.ctx.now() + jobBudgetMs(job, this.ctx.config) }] },
      jobs: [job], simulator: [],
    };
  }

  private async control(conv: ConversationId, item: Extract<InboxItem, { kind: 'control' }>, session: StoredSession | null, current: SessionFlow | null, state: ConversationState): Promise<ProcessOutcome> {
    if (item.action === 'agent-message' || item.action === 'takeover') return deskControl(this, conv, item, session);
    const { contactId, channel } = parseConversationId(conv);
    if (item.action === 'fire-wait-timer') {
      if (!session || !current) return { commit: this.base(), jobs: [], simulator: [] };
      const kinds = session.timerKinds ?? {};
      const order: TimerKind[] = ['ask_timeout', 'wait', 'soft_timeout', 'expire'];
      const pending = Object.keys(state.timers).filter((id) => !isJobTimer(id)).sort((a, b) => order.indexOf(kinds[a] ?? 'expire') - order.indexOf(kinds[b] ?? 'expire'));
      const timerId = pending[0];
      if (!timerId) return { commit: this.base(), jobs: [], simulator: [{ type: 'error', message: 'no timer is pending' }] };
      const out = await this.runStep(conv, session, current, { type: 'timer.fired', timerId, sprint: state.timers[timerId]!, now: this.ctx.now() }, { lane: 0 });
      if (!out.commit.timersCancel.includes(timerId)) out.commit.timersCancel.push(timerId);
      return out;
    }
    // restart: the same flow (or its draft) from the start, as a fresh session.
    const flowId = item.flowId ?? session?.snapshot.flowId ?? state.session?.snapshot.flowId;
    const draft = (item.draft ?? (session ?? state.session)?.draft) as Flow | undefined;
    if (!flowId) return { commit: this.base(), jobs: [], simulator: [] };
    const live = draft ? { flow: draft, version: 0 } : await this.ctx.flows.live(flowId);
    if (!live) return { commit: this.base(), jobs: [], simulator: [{ type: 'error', message: `flow ${flowId} has no published version` }] };
    return this.start(conv, { flowId, flow: live.flow, version: live.version, trigger: { kind: 'manual' } }, { id: contactId }, channel, 0, item.receivedAt, state.session ?? undefined, draft);
  }
}
