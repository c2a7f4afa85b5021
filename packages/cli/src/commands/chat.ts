/**
 * `parley chat <flow>`: an interactive conversation with a flow in the terminal, through the
 * same pure engine and understanding as production. Works with piped stdin for scripts.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Conversation, type Flow, type FlowTest, type InboundMessage, type Outcome, type TimerKind, type Understand } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { CHAT_COMMANDS, printOutcome, type OfferedChoices } from '../chat/printer';
import { createAnswerer, type RequestAnswerer } from '../chat/requests';
import { UsageError } from '../errors';
import { displayPath } from '../files';
import { folderResolver, loadFlowFile, requireFlow } from '../flows';
import { EXIT_OK, painter, type Io, type Paint } from '../io';
import { loadTestFile } from '../suite';
import { understandingFor } from '../understanders';

export const CHAT_HELP = `Usage: parley chat <flow> [options]

Talk to a flow in the terminal. Bot messages are printed; buttons and list rows are
numbered — type the number to pick one. Type /help inside the chat for commands.

HTTP requests are answered from the flow's test file (<id>.test.json: the first mock whose
method and URL match); without a mock they fail like a network error, unless --allow-http
lets the chat call the real URL. LLM nodes use their fallback text unless PARLEY_LLM_URL
(an OpenAI-compatible chat completions URL), PARLEY_LLM_MODEL and PARLEY_LLM_API_KEY are set.

Options:
  --allow-http          perform the flow's HTTP requests for real
  --params <json>       trigger parameters for flows started by an event, e.g. '{"cart_total": 42}'
                        (default: those of the first event-triggered test in the test file)
  --language <code>     the contact's language (default: the flow's first language)
  --name <name>         the contact's name
  -h, --help            show this help
`;

const TIMER_KINDS = new Set<TimerKind>(['ask_timeout', 'soft_timeout', 'expire', 'wait']);

export async function runChat(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('chat', argv, {
    'allow-http': { type: 'boolean' },
    params: { type: 'string' },
    language: { type: 'string' },
    name: { type: 'string' },
  });
  if (args.values.help) {
    io.stdout(CHAT_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1) throw new UsageError('parley chat: give exactly one flow file, e.g. parley chat flows/order-status.flow.json');
  const path = resolve(io.cwd, args.positionals[0]!);
  const flow = requireFlow(path, io.cwd);
  const paint = painter(io.color);
  const tests = siblingTests(path, flow, io.cwd);
  const params = parseParams(stringOption(args, 'params'));
  const session = new ChatSession(flow, io, paint, {
    resolveFlow: folderResolver(dirname(path), io.cwd, [flow]),
    answerer: createAnswerer({
      allowHttp: Boolean(args.values['allow-http']),
      httpMocks: tests.tests.flatMap((test) => test.mocks?.http ?? []),
      ...(tests.source ? { mockSource: tests.source } : {}),
      ...llmConfig(io.env),
      io,
      paint,
    }),
    trigger: chooseTrigger(flow, params, tests.tests, io, paint),
    contact: { id: 'terminal', channel: 'simulator', language: stringOption(args, 'language') ?? flow.languages[0] ?? 'en', ...(stringOption(args, 'name') ? { name: stringOption(args, 'name')! } : {}) },
  });
  io.stdout(paint('bold', `Chatting with "${flow.name}" (${flow.id}).`) + paint('dim', ' Numbers pick a choice; /help lists commands, /quit leaves.\n'));
  await session.start();
  return session.loop();
}

interface SessionOptions {
  resolveFlow: ReturnType<typeof folderResolver>;
  answerer: RequestAnswerer;
  trigger: FlowTest['trigger'];
  contact: NonNullable<FlowTest['contact']>;
}

class ChatSession {
  private conversation: Conversation;
  private offered: OfferedChoices | undefined;
  private readonly understand: Understand;

  constructor(
    private readonly flow: Flow,
    private readonly io: Io,
    private readonly paint: Paint,
    private readonly options: SessionOptions,
  ) {
    this.understand = understandingFor();
    this.conversation = this.fresh();
  }

  private fresh(): Conversation {
    return new Conversation(this.flow, { understand: this.understand, resolveFlow: this.options.resolveFlow, startAt: Date.now() });
  }

  async start(): Promise<void> {
    this.conversation = this.fresh();
    await this.show(this.conversation.start(this.options.trigger, this.options.contact));
  }

  async loop(): Promise<number> {
    const reader = createInterface({ input: this.io.stdin, terminal: false });
    const prompt = () => {
      if (this.io.interactive) this.io.stdout(this.paint('green', 'you › '));
    };
    prompt();
    for await (const raw of reader) {
      const line = raw.trim();
      if (!this.io.interactive && line) this.io.stdout(`${this.paint('green', 'you ›')} ${line}\n`);
      if (line === '/quit' || line === '/exit') break;
      if (line) await this.handle(line);
      prompt();
    }
    reader.close();
    return EXIT_OK;
  }

  private async handle(line: string): Promise<void> {
    if (line.startsWith('/')) return this.command(line);
    const status = this.conversation.status;
    if (status === 'ended' || status === 'expired') {
      this.note(`the conversation has ${status}; /restart to start again`);
      return;
    }
    if (status === 'handoff') this.note('a person has this conversation now; the bot passes your message on (/release hands it back)');
    const number = /^\d{1,2}$/.test(line) ? Number(line) : NaN;
    const choiceId = this.offered && number >= 1 ? this.offered.ids[number - 1] : undefined;
    const message: InboundMessage = choiceId && this.offered ? { kind: this.offered.kind, choiceId } : { kind: 'text', text: line };
    await this.show(this.conversation.say(message));
  }

  private async command(line: string): Promise<void> {
    const [name, ...rest] = line.split(/\s+/);
    const argument = rest.join(' ');
    switch (name) {
      case '/help':
        this.io.stdout(CHAT_COMMANDS);
        return;
      case '/vars':
        this.io.stdout(`${JSON.stringify(this.conversation.variables, null, 2)}\n`);
        return;
      case '/state': {
        const snapshot = this.conversation.snapshot;
        const timers = this.conversation.pendingTimers.map((t) => `${t.kind} in ${Math.round((t.dueAt - this.conversation.now) / 1000)}s`);
        this.io.stdout(`status ${this.conversation.status}${snapshot?.waitingAt ? `, waiting at "${snapshot.waitingAt}"` : ''}; timers: ${timers.join(', ') || 'none'}\n`);
        return;
      }
      case '/restart':
        this.note('starting over');
        await this.start();
        return;
      case '/timeout': {
        const kind = argument ? (argument as TimerKind) : undefined;
        if (kind && !TIMER_KINDS.has(kind)) return this.note(`unknown timer kind "${argument}"; use one of ${[...TIMER_KINDS].join(', ')}`);
        const outcome = this.conversation.fireTimer(kind);
        if (!outcome) return this.note(`no ${kind ? `${kind} ` : ''}timer is pending`);
        this.note(`time passes… (${kind ?? 'next timer'} fired)`);
        return this.show(outcome);
      }
      case '/release':
        if (this.conversation.status !== 'handoff') return this.note('the conversation is not with a person');
        return this.show(this.conversation.dispatch({ type: 'handoff.released' }));
      case '/tap':
        if (!argument) return this.note('usage: /tap <choice id>');
        return this.show(this.conversation.say({ kind: this.offered?.kind ?? 'button', choiceId: argument }));
      case '/location': {
        const match = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(argument);
        if (!match) return this.note('usage: /location <latitude>,<longitude>, e.g. /location 40.7128,-74.006');
        return this.show(this.conversation.say({ kind: 'location', location: { latitude: Number(match[1]), longitude: Number(match[2]) } }));
      }
      case '/media': {
        const [type, ...caption] = rest;
        if (type !== 'image' && type !== 'video' && type !== 'audio' && type !== 'document' && type !== 'sticker') {
          return this.note('usage: /media <image|video|audio|document|sticker> [caption]');
        }
        return this.show(this.conversation.say({ kind: 'media', media: { type, url: `https://example.com/${type}`, ...(caption.length ? { caption: caption.join(' ') } : {}) } }));
      }
      default:
        this.note(`unknown command ${name}; /help lists the commands`);
    }
  }

  /** Prints what the bot did, answering HTTP/LLM requests until the engine waits again. */
  private async show(first: Outcome): Promise<void> {
    const queue: Outcome[] = [first];
    let answered = 0;
    while (queue.length > 0) {
      const outcome = queue.shift()!;
      const offered = printOutcome(outcome, this.io, this.paint);
      if (offered) this.offered = offered;
      else if (outcome.outbound.length > 0) this.offered = undefined;
      for (const request of outcome.requests) {
        if (++answered > 50) return this.note('stopped after 50 HTTP/LLM requests in one turn (a retry loop without a limit?)');
        queue.push(this.conversation.dispatch(await this.options.answerer.answer(request)));
      }
    }
  }

  private note(text: string): void {
    this.io.stdout(this.paint('dim', `  · ${text}\n`));
  }
}

/**
 * The tests whose mocks answer the chat's HTTP calls: the flow's own test file first, then
 * those of the subflows it calls (recursively), so a subflow's lookups are mocked too.
 */
function siblingTests(flowPath: string, flow: Flow, cwd: string): { tests: FlowTest[]; source?: string } {
  const folder = dirname(flowPath);
  const tests: FlowTest[] = [];
  const sources: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string, path: string, current: Flow | undefined): void => {
    if (seen.has(id) || seen.size > 20) return;
    seen.add(id);
    const testPath = path.replace(/\.flow\.json$/, '.test.json');
    if (testPath !== path && existsSync(testPath)) {
      tests.push(...loadTestFile(testPath, cwd).tests);
      sources.push(displayPath(testPath, cwd));
    }
    for (const node of current?.nodes ?? []) {
      if (node.type !== 'subflow' || !/^[\w.-]+$/.test(node.flow)) continue;
      const childPath = join(folder, `${node.flow}.flow.json`);
      if (existsSync(childPath)) visit(node.flow, childPath, loadFlowFile(childPath, cwd).flow);
    }
  };
  visit(flow.id, flowPath, flow);
  return sources.length ? { tests, source: sources.join(', ') } : { tests };
}

function parseParams(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`parley chat: --params must be a JSON object, e.g. --params '{"cart_total": 42}'; got ${text}`);
}

/** Event-started flows need their parameters: from --params, else from the first event test. */
function chooseTrigger(flow: Flow, params: Record<string, unknown> | undefined, tests: FlowTest[], io: Io, paint: Paint): FlowTest['trigger'] {
  const eventTrigger = flow.triggers?.find((trigger) => trigger.type === 'event');
  if (!eventTrigger || eventTrigger.type !== 'event') return params ? { kind: 'manual', params } : { kind: 'manual' };
  if (params) return { kind: 'event', name: eventTrigger.event, params };
  const example = tests.find((test) => test.trigger?.kind === 'event' && test.trigger.params);
  if (example?.trigger) {
    io.stdout(paint('dim', `  · started by event "${eventTrigger.event}" with the parameters of test "${example.name}" (override with --params)\n`));
    return example.trigger;
  }
  io.stdout(paint('dim', `  · this flow starts on event "${eventTrigger.event}"; pass its parameters with --params '{…}'\n`));
  return { kind: 'event', name: eventTrigger.event };
}

function llmConfig(env: Io['env']): { llm?: { url: string; model: string; apiKey?: string } } {
  const url = env.PARLEY_LLM_URL;
  if (!url) return {};
  return { llm: { url, model: env.PARLEY_LLM_MODEL ?? 'gpt-4o-mini', ...(env.PARLEY_LLM_API_KEY ? { apiKey: env.PARLEY_LLM_API_KEY } : {}) } };
}
