/**
 * One interactive conversation of `parley chat`: reads lines, turns them into user turns
 * (text, a numbered choice, or a /command), steps the engine through the Conversation
 * driver, answers its HTTP/LLM requests, prints the bot's side and records the session so
 * `/save <name>` can append it to the flow's test file.
 */
import {
  Conversation,
  runFlowTest,
  TranscriptRecorder,
  type Flow,
  type FlowResolver,
  type FlowTest,
  type Outcome,
  type StateExpectation,
  type TimerKind,
  type Understand,
} from '@parley/flow';
import { CliError } from '../errors';
import { EXIT_OK, type Io, type Paint } from '../io';
import { understandingFor, type UnderstandingOptions } from '../understanders';
import { runChatLine, toInbound, type TypedTurn } from './commands';
import { inputEnded, openLineInput } from './lines';
import { CHAT_COMMANDS, printOutcome, understandingLines, type OfferedChoices } from './printer';
import type { RequestAnswerer } from './requests';
import { appendTest } from './save';

export interface SessionOptions {
  resolveFlow: FlowResolver;
  answerer: RequestAnswerer;
  trigger: FlowTest['trigger'];
  contact: NonNullable<FlowTest['contact']>;
  /** Where `/save` appends recorded tests. */
  testFile: { path: string; display: string };
  understanding: UnderstandingOptions;
}

const TIMER_KINDS: readonly TimerKind[] = ['ask_timeout', 'soft_timeout', 'expire', 'wait'];

export class ChatSession {
  private conversation: Conversation;
  private offered: OfferedChoices | undefined;
  private readonly understand: Understand;
  private readonly recorder = new TranscriptRecorder();

  constructor(
    private readonly flow: Flow,
    private readonly io: Io,
    private readonly paint: Paint,
    private readonly options: SessionOptions,
  ) {
    this.understand = understandingFor(options.understanding);
    this.conversation = this.fresh();
  }

  private fresh(): Conversation {
    return new Conversation(this.flow, { understand: this.understand, resolveFlow: this.options.resolveFlow, startAt: Date.now() });
  }

  async start(): Promise<void> {
    this.conversation = this.fresh();
    this.offered = undefined;
    this.recorder.reset(this.options.trigger, this.options.contact, this.conversation.now);
    await this.show(this.conversation.start(this.options.trigger, this.options.contact));
  }

  async loop(): Promise<number> {
    if (inputEnded(this.io)) return EXIT_OK;
    const { reader, prompt, echo } = openLineInput(this.io, this.paint);
    prompt();
    for await (const raw of reader) {
      const line = raw.trim();
      echo(line);
      if (line === '/quit' || line === '/exit') break;
      if (line) await this.handle(line);
      prompt();
    }
    reader.close();
    return EXIT_OK;
  }

  private async handle(line: string): Promise<void> {
    return runChatLine(line, this.offered, {
      say: (turn) => this.say(turn),
      help: () => this.io.stdout(CHAT_COMMANDS),
      vars: () => this.io.stdout(`${JSON.stringify(this.conversation.variables, null, 2)}\n`),
      state: () => {
        const snapshot = this.conversation.snapshot;
        const timers = this.conversation.pendingTimers.map((t) => `${t.kind} in ${Math.round((t.dueAt - this.conversation.now) / 1000)}s`);
        this.io.stdout(
          `status ${this.conversation.status}${snapshot?.waitingAt ? `, waiting at "${snapshot.waitingAt}"` : ''}; timers: ${timers.join(', ') || 'none'}\n`,
        );
      },
      why: () => this.why(),
      restart: () => this.start(),
      timeout: (kind) => this.timeout(kind),
      release: async () => {
        if (this.conversation.status !== 'handoff') return this.note('the conversation is not with a person');
        this.recorder.user({ event: { type: 'handoff.released' } });
        return this.show(this.conversation.dispatch({ type: 'handoff.released' }));
      },
      save: (name) => this.save(name),
      note: (text) => this.note(text),
    });
  }

  /** A user turn: checked against the session state, recorded, then stepped. */
  private async say(turn: TypedTurn): Promise<void> {
    const status = this.conversation.status;
    if (status === 'ended' || status === 'expired') return this.note(`the conversation has ${status}; /restart to start again`);
    if (status === 'handoff') this.note('a person has this conversation now; the bot passes your message on (/release hands it back)');
    this.recorder.user(turn);
    await this.show(this.conversation.say(toInbound(turn)));
  }

  /** `/timeout [kind]`: fires the pending timer (of that kind) now. */
  private async timeout(argument: string | undefined): Promise<void> {
    const kind = argument ? TIMER_KINDS.find((k) => k === argument) : undefined;
    if (argument && !kind) return this.note(`unknown timer kind "${argument}"; use one of ${TIMER_KINDS.join(', ')}`);
    const outcome = this.conversation.fireTimer(kind);
    if (!outcome) return this.note(`no ${kind ? `${kind} ` : ''}timer is pending`);
    this.recorder.user({ timeout: kind ?? true });
    this.note(`time passes… (${kind ?? 'next timer'} fired)`);
    return this.show(outcome);
  }

  /** Prints what the bot did, answering HTTP/LLM requests until the engine waits again. */
  private async show(first: Outcome): Promise<void> {
    const queue: Outcome[] = [first];
    let answered = 0;
    while (queue.length > 0) {
      const outcome = queue.shift()!;
      for (const { message } of outcome.outbound) this.recorder.bot(message);
      const offered = printOutcome(outcome, this.io, this.paint);
      if (offered) this.offered = offered;
      else if (outcome.outbound.length > 0) this.offered = undefined;
      for (const request of outcome.requests) {
        if (++answered > 50) return this.note('stopped after 50 HTTP/LLM requests in one turn (a retry loop without a limit?)');
        const answer = await this.options.answerer.answer(request);
        this.recorder.answered(request, answer);
        queue.push(this.conversation.dispatch(answer));
      }
    }
  }

  /** `/save <name>`: appends the conversation so far as a test, then replays it to be sure it passes. */
  private save(name: string): void {
    if (!name) return this.note('usage: /save <test name>');
    const status = this.conversation.status;
    const state: StateExpectation =
      status === 'ended'
        ? { ended: true, ...(this.conversation.outcome ? { outcome: this.conversation.outcome } : {}) }
        : status === 'handoff'
          ? { handoff: true }
          : { waitingAt: this.conversation.snapshot?.waitingAt ?? null };
    const test = this.recorder.build(name, state);
    const { path, display } = this.options.testFile;
    try {
      appendTest(path, display, this.flow.id, test);
    } catch (error) {
      if (error instanceof CliError) return this.note(error.message);
      throw error;
    }
    const replay = runFlowTest(this.flow, test, { understand: this.understand, resolveFlow: this.options.resolveFlow });
    this.note(
      `saved test "${name}" (${test.turns.length} turns) to ${display}` +
        (replay.passed ? '; it passes' : `; but its replay fails: ${replay.failures[0]}`),
    );
  }

  /** How the last message was understood: the intent and tier, entities, choice and the reasons. */
  private why(): void {
    const u = this.conversation.lastUnderstanding;
    if (!u) return this.note('nothing understood yet: type a message first');
    this.io.stdout(understandingLines(u));
  }

  private note(text: string): void {
    this.io.stdout(this.paint('dim', `  · ${text}\n`));
  }
}
