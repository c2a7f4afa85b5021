/**
 * `parley chat --server`: the same terminal conversation as local chat, but every turn goes
 * through a running runtime's simulator channel (inbox → worker → outbox → sender → SSE), so
 * what you see is what WhatsApp contacts get.
 *
 * The worker publishes a `state` event after each step, with the number of bot messages the
 * step queued; those come later, from the sender. A turn is over when a step has been reported,
 * the session is not busy (status other than `active`, e.g. waiting for an HTTP answer) and all
 * the messages its steps announced have arrived. (A runtime that does not announce counts is
 * waited for until the stream has been quiet for a moment.) Only then is the next scripted line
 * sent and an end or handoff announced, so the printed conversation keeps its order.
 */
import type { Flow, SessionStatus } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import { CliError } from '../errors';
import { EXIT_OK, type Io, type Paint } from '../io';
import { runChatLine, toInbound, type TypedTurn } from './commands';
import { inputEnded, openLineInput } from './lines';
import { printEnded, printHandoff, printMessage, understandingLines, type OfferedChoices } from './printer';
import type { RuntimeClient, SimulatorEvent } from './runtime-client';

type StateEvent = Extract<SimulatorEvent, { type: 'state' }>;

export interface ServerChatTiming {
  /** Silence on the stream after a finished step before the turn counts as complete. */
  quietMs: number;
  /** How long to wait for a turn before giving the prompt back anyway. */
  turnTimeoutMs: number;
}

const DEFAULT_TIMING: ServerChatTiming = { quietMs: 250, turnTimeoutMs: 30_000 };
const FINISHED = new Set<SessionStatus>(['ended', 'expired', 'errored']);

const SERVER_CHAT_COMMANDS = `Commands (chatting through the runtime):
  <number>            pick that choice (as a button tap / list pick)
  /tap <id>           tap a button or list row by id
  /timeout            fire the pending timer now (the runtime picks: ask_timeout or wait, else soft_timeout, else expire)
  /location <lat>,<lng>  send a location
  /media <type> [caption]  send an image, video, audio, document or sticker
  /release            a person hands the chat back to the bot (after a handoff)
  /why                how the last message was understood (intent, confidence, entities, reasons)
  /vars               show the variables (as of the latest step)
  /state              show status, the node waited at and the nodes entered in the latest step
  /restart            start the conversation again
  /quit               leave
`;

export class ServerChatSession {
  private sessionId = '';
  private offered: OfferedChoices | undefined;
  private latest: StateEvent | undefined;
  private understanding: Understanding | undefined;
  /** The status whose notice (handoff, end) has been printed. */
  private announced: SessionStatus | undefined;
  private turn: { stepSeen: boolean; botsExpected: number | undefined; botsSeen: number; done: () => void } | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private dropped: CliError | undefined;
  private stopReading: (() => void) | undefined;
  private prompt: (() => void) | undefined;
  /** Bot messages were printed outside a turn (a timer fired by itself) over the prompt. */
  private printedWhileIdle = false;
  private readonly abort = new AbortController();
  private readonly timing: ServerChatTiming;

  constructor(
    private readonly client: RuntimeClient,
    private readonly target: { flowId: string; flow?: Flow },
    private readonly io: Io,
    private readonly paint: Paint,
    timing: Partial<ServerChatTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** `banner` is printed once the runtime has accepted the session. */
  async run(banner: string): Promise<number> {
    this.sessionId = await this.client.createSession(this.target.flowId, this.target.flow);
    this.io.stdout(banner);
    const streaming = this.client
      .stream(this.sessionId, this.abort.signal, (event) => this.onEvent(event))
      .then(
        () =>
          this.drop(
            new CliError(`parley chat: the runtime at ${this.client.baseUrl} closed the conversation's event stream (was it stopped?)`),
          ),
        (error: unknown) =>
          this.drop(error instanceof CliError ? error : new CliError(`parley chat: the event stream broke: ${String(error)}`)),
      );
    try {
      await this.awaitTurn();
      if (!this.dropped) await this.loop();
    } finally {
      this.abort.abort();
      clearTimeout(this.quietTimer);
      await streaming;
    }
    if (this.dropped) throw this.dropped;
    return EXIT_OK;
  }

  private async loop(): Promise<void> {
    if (inputEnded(this.io)) return;
    const { reader, prompt, echo } = openLineInput(this.io, this.paint);
    this.stopReading = () => reader.close();
    this.prompt = prompt;
    prompt();
    for await (const raw of reader) {
      if (this.dropped) break;
      const line = raw.trim();
      echo(line);
      if (line === '/quit' || line === '/exit') break;
      if (line) await this.handle(line);
      if (this.dropped) break;
      prompt();
    }
    reader.close();
  }

  private drop(error: CliError): void {
    if (this.abort.signal.aborted) return;
    this.dropped = error;
    this.turn?.done();
    this.stopReading?.();
  }

  private onEvent(event: SimulatorEvent): void {
    if (event.type === 'bot') {
      if (!this.turn) this.printedWhileIdle = true;
      else this.turn.botsSeen++;
      const offered = printMessage(event.message, this.io, this.paint);
      if (offered) this.offered = offered;
      else this.offered = undefined;
    } else if (event.type === 'state') {
      this.latest = event;
      if (event.understanding) this.understanding = event.understanding;
      if (this.turn) {
        this.turn.stepSeen = true;
        this.turn.botsExpected = event.outbound === undefined ? undefined : (this.turn.botsExpected ?? 0) + event.outbound;
      }
    } else if (event.type === 'error') {
      // The web request, LLM and handoff events are the studio's trace; the terminal shows the handoff from the state.
      this.io.stdout(this.paint('red', `  ✗ runtime: ${event.message}\n`));
      if (this.turn) this.turn.stepSeen = true;
    }
    clearTimeout(this.quietTimer);
    const turn = this.turn;
    // Everything announced has arrived: no need to wait for silence.
    if (turn?.stepSeen && turn.botsExpected !== undefined && turn.botsSeen >= turn.botsExpected && this.latest?.status !== 'active')
      this.onQuiet();
    else this.quietTimer = setTimeout(() => this.onQuiet(), this.timing.quietMs);
  }

  /** The stream went quiet: announce a handoff or an end, and finish the turn if it is over. */
  private onQuiet(): void {
    const status = this.latest?.status;
    if (status !== undefined && status !== this.announced) {
      if (status === 'handoff') printHandoff({}, this.io, this.paint);
      else if (FINISHED.has(status)) printEnded(status === 'errored' ? 'stopped on an error' : status, this.io, this.paint);
      this.announced = status;
    }
    if (this.turn?.stepSeen && status !== 'active') this.turn.done();
    if (!this.turn && this.printedWhileIdle && this.io.interactive) this.prompt?.();
    this.printedWhileIdle = false;
  }

  /** Resolves when the turn just started is over (see the module comment), the stream drops, or after the time limit. */
  private awaitTurn(): Promise<void> {
    if (this.dropped) return Promise.resolve();
    return new Promise((resolve) => {
      const limit = setTimeout(() => {
        this.note(
          `the runtime has not finished this turn within ${this.timing.turnTimeoutMs / 1000} s; go on (its answer is printed when it comes)`,
        );
        finish();
      }, this.timing.turnTimeoutMs);
      const finish = (): void => {
        clearTimeout(limit);
        this.turn = undefined;
        resolve();
      };
      this.turn = { stepSeen: false, botsExpected: undefined, botsSeen: 0, done: finish };
    });
  }

  /** Sends a request and waits for the turn it causes; the turn is armed first so no event is missed. */
  private async act(request: () => Promise<void>): Promise<void> {
    const turn = this.awaitTurn();
    try {
      await request();
    } catch (error) {
      this.turn?.done();
      if (error instanceof CliError) return this.note(error.message.replace(/^parley chat: /, ''));
      throw error;
    }
    await turn;
  }

  private async handle(line: string): Promise<void> {
    return runChatLine(line, this.offered, {
      say: (turn) => this.say(turn),
      help: () => this.io.stdout(SERVER_CHAT_COMMANDS),
      vars: () => this.io.stdout(`${JSON.stringify(this.latest?.variables ?? {}, null, 2)}\n`),
      state: () => {
        const state = this.latest;
        if (!state) return this.note('the runtime has not reported a step yet');
        this.io.stdout(
          `status ${state.status}${state.waitingAt ? `, waiting at "${state.waitingAt}"` : ''}; nodes entered in the latest step: ${state.visited.join(', ') || 'none'}\n`,
        );
      },
      why: () => {
        if (!this.understanding) return this.note('nothing understood yet: type a message first');
        this.io.stdout(understandingLines(this.understanding));
      },
      restart: () => {
        this.offered = undefined;
        this.latest = undefined;
        this.understanding = undefined;
        this.announced = undefined;
        return this.act(() => this.client.restart(this.sessionId));
      },
      timeout: (kind) => {
        const status = this.latest?.status;
        if (status && FINISHED.has(status)) return Promise.resolve(this.note(`no timer is pending: the conversation has ${status}`));
        if (kind) this.note(`the runtime fires its next pending timer itself; "${kind}" is ignored`);
        this.note('time passes… (the pending timer fires)');
        return this.act(() => this.client.fireTimer(this.sessionId));
      },
      release: () => {
        if (this.latest?.status !== 'handoff') return Promise.resolve(this.note('the conversation is not with a person'));
        return this.act(() => this.client.release(this.sessionId));
      },
      save: () =>
        this.note('/save is not available with --server: record tests with a local `parley chat <flow file>` or in the studio preview'),
      note: (text) => this.note(text),
    });
  }

  private async say(turn: TypedTurn): Promise<void> {
    const status = this.latest?.status;
    if (status && FINISHED.has(status))
      return this.note(`the conversation has ${status === 'errored' ? 'stopped on an error' : status}; /restart to start again`);
    if (status === 'handoff') this.note('a person has this conversation now; the bot passes your message on (/release hands it back)');
    return this.act(() => this.client.send(this.sessionId, toInbound(turn)));
  }

  private note(text: string): void {
    this.io.stdout(this.paint('dim', `  · ${text}\n`));
  }
}
