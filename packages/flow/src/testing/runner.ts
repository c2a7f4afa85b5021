/**
 * The transcript test runner: plays one test of a `flows/<id>.test.json` against the pure
 * engine and compares what the bot did with what the test expects. Pure: flows, the test
 * and an `understand` function in; a result with a line diff out. No fs, no network.
 */
import type { Flow } from '../types';
import type { TemplateGate } from '@parley/contract';
import type { FlowResolver, InboundMessage } from '../engine/contract';
import {
  Conversation,
  DEFAULT_START,
  type BotMessage,
  type BotRefusal,
  type Outcome,
  type PendingRequest,
  type Understand,
} from './conversation';
import { diffLines } from '../format/line-diff';
import { isRetryable, MockServer, type MockAnswer } from './mocks';
import { botEventMismatches, renderBotEvent, renderBotExpectation, renderUserTurn } from './render';
import type { FlowTest, FlowTestFile, StateExpectation, TemplateOverrides, TestResult, TestTurn, UserTurn } from './types';

export interface RunOptions {
  understand?: Understand;
  /** Resolves subflows by id. */
  resolveFlow?: FlowResolver;
  /** Follow-up HTTP/LLM answers allowed within one turn before the test is stopped. */
  maxRequestsPerTurn?: number;
  /**
   * The template gate for one test, given its `templates` status overrides (the CLI builds it
   * from templates/ and the lock). Without it template nodes send unchecked.
   */
  templates?: (overrides: TemplateOverrides | undefined) => TemplateGate;
}

/** Thrown inside a run to stop the test: the first failure that makes the rest meaningless. */
class Stop extends Error {}

export function runFlowTest(flow: Flow, test: FlowTest, options: RunOptions = {}): TestResult {
  const run = new TestRun(flow, test, options);
  return run.execute();
}

export function runFlowTestFile(flow: Flow, file: FlowTestFile, options: RunOptions = {}): TestResult[] {
  return file.tests.map((test) => runFlowTest(flow, test, options));
}

class TestRun {
  private readonly conversation: Conversation;
  private readonly mocks: MockServer;
  private readonly failures: string[] = [];
  private readonly expected: string[] = [];
  private readonly actual: string[] = [];
  /** Bot turns (messages, dropped messages, refused templates) not yet matched against a `bot` turn. */
  private readonly inbox: Array<BotMessage | BotRefusal> = [];

  constructor(
    private readonly flow: Flow,
    private readonly test: FlowTest,
    private readonly options: RunOptions,
  ) {
    const startAt = test.now ? Date.parse(test.now) : DEFAULT_START;
    const lastUserMessageAt = test.lastUserMessageAt === undefined ? NaN : Date.parse(test.lastUserMessageAt);
    this.conversation = new Conversation(flow, {
      startAt: Number.isFinite(startAt) ? startAt : DEFAULT_START,
      ...(Number.isFinite(lastUserMessageAt) ? { lastUserMessageAt } : {}),
      ...(options.understand ? { understand: options.understand } : {}),
      ...(options.resolveFlow ? { resolveFlow: options.resolveFlow } : {}),
      ...(options.templates ? { templates: options.templates(test.templates) } : {}),
    });
    this.mocks = new MockServer(test.mocks);
  }

  execute(): TestResult {
    // -1 while the flow starts: a stop there leaves every turn unplayed.
    let turnIndex = -1;
    try {
      this.absorb(this.conversation.start(this.test.trigger, this.test.contact), 'the start');
      for (turnIndex = 0; turnIndex < this.test.turns.length; turnIndex++) this.play(this.test.turns[turnIndex]!, turnIndex);
      this.flushUnexpected('at the end of the test');
    } catch (error) {
      // A bug in an injected understander (or here) fails this test, not the whole run.
      if (!(error instanceof Stop))
        this.fail(`internal error while running the test: ${error instanceof Error ? error.message : String(error)}`);
      // The turns that never ran still belong to the expected transcript, so the diff shows them.
      for (let k = turnIndex + 1; k < this.test.turns.length; k++) this.expected.push(...expectedLinesOf(this.test.turns[k]!));
    }
    const passed = this.failures.length === 0;
    return {
      name: this.test.name,
      passed,
      failures: this.failures,
      expected: this.expected,
      actual: this.actual,
      diff: passed ? [] : diffLines(this.expected, this.actual),
      steps: this.conversation.steps,
      visited: [...this.conversation.visited],
      exits: [...this.conversation.exitsTaken],
    };
  }

  private play(turn: TestTurn, index: number): void {
    const where = `turn ${index + 1}`;
    if ('bot' in turn) {
      const next = this.inbox.shift();
      if (!next) {
        this.expected.push(renderBotExpectation(turn.bot));
        this.fail(`${where}: expected a bot message (${renderBotExpectation(turn.bot)}) but the bot sent nothing more (${this.where()})`);
        return;
      }
      const problems = botEventMismatches(turn.bot, next);
      const line = renderBotEvent(next);
      this.actual.push(line);
      if (problems.length === 0) {
        this.expected.push(line);
      } else {
        this.expected.push(renderBotExpectation(turn.bot));
        this.fail(`${where}: bot message from node "${next.nodeId}": ${problems.join('; ')}`);
      }
      return;
    }
    if ('expect' in turn) {
      this.check(turn.expect, where);
      return;
    }
    this.flushUnexpected(`before ${where}`);
    const line = renderUserTurn(turn);
    this.expected.push(line);
    this.actual.push(line);
    this.deliver(turn, where);
  }

  private deliver(turn: UserTurn, where: string): void {
    const status = this.conversation.status;
    if ('event' in turn) {
      const event = turn.event;
      // A start event restarts the session: fresh timers, like a new trigger in production.
      const outcome = event.type === 'start' ? this.conversation.start(event.trigger, event.contact) : this.conversation.dispatch(event);
      this.absorb(outcome, where);
      return;
    }
    if (status === 'ended' || status === 'expired' || status === 'errored') {
      this.fail(`${where}: the conversation is already ${status}; nothing can answer ${renderUserTurn(turn)}`);
      throw new Stop();
    }
    if ('timeout' in turn) {
      const kind = turn.timeout === true ? undefined : turn.timeout;
      const outcome = this.conversation.fireTimer(kind);
      if (!outcome) {
        this.fail(`${where}: no ${kind ? `${kind} ` : ''}timer is pending (${this.where()}), so (timeout) cannot fire`);
        throw new Stop();
      }
      this.absorb(outcome, where);
      return;
    }
    if ('tap' in turn || 'pick' in turn) {
      const id = 'tap' in turn ? turn.tap : turn.pick;
      const offered = this.conversation.expectations()?.choices ?? [];
      if (!offered.some((choice) => choice.id === id)) {
        const list = offered.length ? offered.map((c) => c.id).join(', ') : 'nothing';
        this.fail(`${where}: cannot ${'tap' in turn ? 'tap' : 'pick'} "${id}": the bot offers ${list} (${this.where()})`);
        throw new Stop();
      }
    }
    this.absorb(this.conversation.say(toInbound(turn)), where);
  }

  /** Answers HTTP/LLM requests from the mocks until the engine waits again, queuing bot messages. */
  private absorb(first: Outcome, where: string): void {
    const max = this.options.maxRequestsPerTurn ?? 50;
    let answered = 0;
    const queue = [...first.requests];
    this.collect(first, where);
    while (queue.length > 0) {
      const request = queue.shift()!;
      if (++answered > max) {
        this.fail(`${where}: more than ${max} HTTP/LLM requests in one turn; is there a retry loop without a limit?`);
        throw new Stop();
      }
      const answer = request.type === 'http' ? this.answerWithRetries(request) : this.mocks.answerLlm(request);
      if ('failure' in answer) {
        this.actual.push(
          request.type === 'http' ? `(unmocked HTTP ${request.request.method} ${request.request.url})` : '(unanswered LLM request)',
        );
        this.fail(`${where}: ${answer.failure}`);
        throw new Stop();
      }
      const next = this.conversation.dispatch(answer.event);
      queue.push(...next.requests);
      this.collect(next, where);
    }
  }

  /**
   * The host retries an HTTP request `retries` times on a network error, 429 or 5xx (like the
   * runtime does), so a test can mock "fail once, then succeed"; each attempt counts as a call.
   */
  private answerWithRetries(request: Extract<PendingRequest, { type: 'http' }>): MockAnswer {
    let answer = this.mocks.answerHttp(request);
    for (let attempt = 0; attempt < request.request.retries && 'event' in answer && isRetryable(answer.event); attempt++) {
      answer = this.mocks.answerHttp(request);
    }
    return answer;
  }

  private collect(outcome: Outcome, where: string): void {
    this.inbox.push(...outcome.bot);
    for (const error of outcome.errors) {
      this.actual.push(`(engine error ${error.code})`);
      this.fail(`${where}: the engine reported ${error.code}${error.nodeId ? ` at node "${error.nodeId}"` : ''}: ${error.message}`);
    }
    if (outcome.errors.length > 0) throw new Stop();
  }

  private flushUnexpected(when: string): void {
    while (this.inbox.length > 0) {
      const next = this.inbox.shift()!;
      const line = renderBotEvent(next);
      this.actual.push(line);
      this.fail(`unexpected bot message ${when} from node "${next.nodeId}": ${line}`);
    }
  }

  private check(expectation: StateExpectation, where: string): void {
    const conversation = this.conversation;
    const status = conversation.status;
    const compare = (label: string, want: unknown, got: unknown): void => {
      const wantLine = `expect ${label} = ${show(want)}`;
      this.expected.push(wantLine);
      if (deepEqual(want, got)) {
        this.actual.push(wantLine);
      } else {
        this.actual.push(`expect ${label} = ${show(got)}`);
        this.fail(`${where}: ${label} is ${show(got)}, expected ${show(want)}`);
      }
    };
    for (const [name, value] of Object.entries(expectation.variables ?? {})) {
      compare(`variables.${name}`, value, conversation.variables[name]);
    }
    for (const [field, value] of Object.entries(expectation.contact ?? {})) {
      compare(`contact.${field}`, value, conversation.savedToContact[field]);
    }
    if (expectation.handoff !== undefined) compare('handoff', expectation.handoff, status === 'handoff');
    if (expectation.ended !== undefined) compare('ended', expectation.ended, status === 'ended');
    if (expectation.status !== undefined) compare('status', expectation.status, status);
    if (expectation.waitingAt !== undefined) compare('waitingAt', expectation.waitingAt, conversation.snapshot?.waitingAt ?? null);
    if (expectation.outcome !== undefined) compare('outcome', expectation.outcome, conversation.outcome ?? null);
    if (expectation.httpCalls !== undefined) compare('httpCalls', expectation.httpCalls, this.mocks.httpCalls.length);
  }

  private where(): string {
    const snapshot = this.conversation.snapshot;
    if (!snapshot) return 'not started';
    return snapshot.waitingAt ? `status ${snapshot.status}, waiting at "${snapshot.waitingAt}"` : `status ${snapshot.status}`;
  }

  private fail(message: string): void {
    this.failures.push(message);
  }
}

function toInbound(turn: Exclude<UserTurn, { timeout: unknown } | { event: unknown }>): InboundMessage {
  if ('user' in turn) return { kind: 'text', text: turn.user };
  if ('tap' in turn) return { kind: 'button', choiceId: turn.tap };
  if ('pick' in turn) return { kind: 'list', choiceId: turn.pick };
  if ('media' in turn) return { kind: 'media', media: turn.media };
  return { kind: 'location', location: turn.location };
}

function expectedLinesOf(turn: TestTurn): string[] {
  if ('bot' in turn) return [renderBotExpectation(turn.bot)];
  if ('expect' in turn) {
    const e = turn.expect;
    return [
      ...Object.entries(e.variables ?? {}).map(([k, v]) => `expect variables.${k} = ${show(v)}`),
      ...Object.entries(e.contact ?? {}).map(([k, v]) => `expect contact.${k} = ${show(v)}`),
      ...(['handoff', 'ended', 'status', 'waitingAt', 'outcome', 'httpCalls'] as const)
        .filter((key) => e[key] !== undefined)
        .map((key) => `expect ${key} = ${show(e[key])}`),
    ];
  }
  return [renderUserTurn(turn)];
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
