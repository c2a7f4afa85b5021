/**
 * Transcript test files (`flows/<id>.test.json`), mirroring `schemas/flow-test.schema.json`,
 * and the results the runner returns.
 */
import type { TemplateRefusal, TemplateStatus } from '@parley/contract';
import type { Contact, EngineEvent, SessionStatus, TimerKind } from '../engine/contract';
import type { DiffLine } from '../format/line-diff';

export interface FlowTestFile {
  $schema?: string;
  /** Id of the flow under test. */
  flow: string;
  tests: FlowTest[];
}

export interface FlowTest {
  name: string;
  description?: string;
  /** `message`: the text the user wrote to start the flow (a keyword or intent trigger); it is the first step's input. */
  trigger?: TestTrigger;
  contact?: Contact;
  /** ISO date-time of the virtual clock at the start. */
  now?: string;
  /**
   * ISO date-time of the customer's last message before the test starts: the 24-hour window runs
   * from it (a flow an event starts, whose customer wrote earlier). Without it an event start
   * leaves the window closed and any other start opens it.
   */
  lastUserMessageAt?: string;
  mocks?: TestMocks;
  /**
   * Template statuses for this test, over the lock file's: a template name → a status for
   * every language, or language → status. A template that is not approved is refused.
   */
  templates?: TemplateOverrides;
  turns: TestTurn[];
}

export type TemplateOverrides = Record<string, TemplateStatus | Record<string, TemplateStatus>>;

export type TestTrigger = NonNullable<Extract<EngineEvent, { type: 'start' }>['trigger']> & { message?: string };

export interface TestMocks {
  http?: HttpMock[];
  llm?: LlmMock[];
}

export interface HttpMock {
  match: { method?: string; url: string; body?: string };
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer with a network failure instead of a response. */
  error?: string;
  times?: number;
}

export interface LlmMock {
  match?: string;
  text?: string;
  error?: string;
  times?: number;
}

export type MediaTurn = {
  type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  id?: string;
  url?: string;
  mime?: string;
  caption?: string;
};
export type LocationTurn = { latitude: number; longitude: number; name?: string; address?: string };

export interface BotExpectation {
  text?: string;
  contains?: string;
  buttons?: string[];
  template?: string;
  media?: MediaTurn['type'];
  /** The template was refused by the gate (nothing sent), for this reason. */
  refused?: TemplateRefusal;
  /** The message was not sent: a free-form message while the 24-hour window was closed. */
  dropped?: 'window_closed';
}

export interface StateExpectation {
  variables?: Record<string, unknown>;
  handoff?: boolean;
  ended?: boolean;
  status?: SessionStatus;
  waitingAt?: string | null;
  outcome?: string;
  httpCalls?: number;
  /** Each listed contact field deep-equals the last value the flow saved to it (set node `contact.<field>`). */
  contact?: Record<string, unknown>;
}

export type UserTurn =
  | { user: string }
  | { tap: string }
  | { pick: string }
  | { media: MediaTurn }
  | { location: LocationTurn }
  | { timeout: true | TimerKind }
  | { event: Extract<EngineEvent, { type: 'handoff.released' | 'start' }> };

export type TestTurn = UserTurn | { bot: BotExpectation } | { expect: StateExpectation };

export interface TestResult {
  name: string;
  passed: boolean;
  /** Human sentences, first failure first. */
  failures: string[];
  /** The transcript the test expected, one line per turn / check. */
  expected: string[];
  /** What actually happened, in the same line format. */
  actual: string[];
  /** Unified line diff of expected vs actual (empty when passed). */
  diff: DiffLine[];
  /** Engine steps taken, for the CLI's statistics. */
  steps: number;
  /** Node ids the conversation entered (of any flow it ran), for coverage. */
  visited: string[];
  /** `nodeId:exit` pairs it took. */
  exits: string[];
}
