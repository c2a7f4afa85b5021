/**
 * `parley chat <flow>`: an interactive conversation with a flow in the terminal, through the
 * same pure engine and understanding as production. Works with piped stdin for scripts.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Flow, FlowTest } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { createAnswerer } from '../chat/requests';
import { pickFlow } from '../chat/pick';
import { ChatSession } from '../chat/session';
import { UsageError } from '../errors';
import { displayPath } from '../files';
import { folderResolver, loadFlowFile, requireFlow } from '../flows';
import { EXIT_OK, painter, type Io, type Paint } from '../io';
import { loadTestFile } from '../suite';
import { understandingOptions } from '../understanders';

export const CHAT_HELP = `Usage: parley chat [flow] [options]

Without a flow (on a terminal) it lists the flows in flows/ to choose from.

Talk to a flow in the terminal. Bot messages are printed; buttons and list rows are
numbered — type the number to pick one. Type /help inside the chat for commands.

HTTP requests are answered from the flow's test file (<id>.test.json: the first mock whose
method and URL match); without a mock they fail like a network error, unless --allow-http
lets the chat call the real URL. LLM nodes use their fallback text unless PARLEY_LLM_URL
(an OpenAI-compatible chat completions URL), PARLEY_LLM_MODEL and PARLEY_LLM_API_KEY are set.

With --server <url> the conversation runs in a running runtime instead, through its
simulator channel (the same inbox → worker → outbox pipeline as WhatsApp). The flow is an id
of a published flow, or a flow file, which then runs as an unsaved draft.

Options:
  --server <url>        chat through the runtime at this URL, e.g. http://127.0.0.1:3000
  --token <token>       the runtime's admin token (default: PARLEY_ADMIN_TOKEN)
  --allow-http          perform the flow's HTTP requests for real
  --params <json>       trigger parameters for flows started by an event, e.g. '{"cart_total": 42}'
                        (default: those of the first event-triggered test in the test file)
  --language <code>     the contact's language (default: the flow's first language)
  --name <name>         the contact's name
  --no-vectors          understand without the pretrained word vectors the runtime uses
                        (faster start; also PARLEY_NLU_VECTORS=0)
  -h, --help            show this help
`;

export async function runChat(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('chat', argv, {
    'allow-http': { type: 'boolean' },
    params: { type: 'string' },
    language: { type: 'string' },
    name: { type: 'string' },
    'no-vectors': { type: 'boolean' },
    server: { type: 'string' },
    token: { type: 'string' },
  });
  if (args.values.help) {
    io.stdout(CHAT_HELP);
    return EXIT_OK;
  }
  if (args.values.server !== undefined) return (await import('./chat-server')).runServerChat(args, io);
  if (args.values.token !== undefined) throw new UsageError('parley chat: --token goes with --server <url>');
  const paint = painter(io.color);
  if (args.positionals.length > 1 || (args.positionals.length === 0 && !io.interactive)) {
    throw new UsageError('parley chat: give exactly one flow file, e.g. parley chat flows/order-status.flow.json');
  }
  // On a terminal, no flow means "let me choose one".
  const path = args.positionals[0] !== undefined ? resolve(io.cwd, args.positionals[0]) : await pickFlow(io, paint);
  const flow = requireFlow(path, io.cwd);
  const tests = siblingTests(path, flow, io.cwd);
  const testPath = path.endsWith('.flow.json') ? path.replace(/\.flow\.json$/, '.test.json') : `${path}.test.json`;
  const params = parseParams(stringOption(args, 'params'));
  const session = new ChatSession(flow, io, paint, {
    understanding: await understandingOptions(Boolean(args.values['no-vectors']), io.env),
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
    testFile: { path: testPath, display: displayPath(testPath, io.cwd) },
    contact: {
      id: 'terminal',
      channel: 'simulator',
      language: stringOption(args, 'language') ?? flow.languages[0] ?? 'en',
      ...(stringOption(args, 'name') ? { name: stringOption(args, 'name')! } : {}),
    },
  });
  io.stdout(
    paint('bold', `Chatting with "${flow.name}" (${flow.id}).`) +
      paint('dim', ' Numbers pick a choice; /help lists commands, /quit leaves.\n'),
  );
  await session.start();
  return session.loop();
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

/**
 * Event-started flows need their parameters: from --params, else from the first event test. A flow
 * a person can also start by writing (a keyword or intent trigger) starts as a chat unless --params.
 */
function chooseTrigger(
  flow: Flow,
  params: Record<string, unknown> | undefined,
  tests: FlowTest[],
  io: Io,
  paint: Paint,
): FlowTest['trigger'] {
  const eventTrigger = flow.triggers?.find((trigger) => trigger.type === 'event');
  if (!eventTrigger || eventTrigger.type !== 'event') return params ? { kind: 'manual', params } : { kind: 'manual' };
  if (params) return { kind: 'event', name: eventTrigger.event, params };
  if (flow.triggers?.some((trigger) => trigger.type === 'keyword' || trigger.type === 'intent')) {
    io.stdout(
      paint('dim', `  · it also starts on event "${eventTrigger.event}": pass its parameters with --params '{…}' to start there\n`),
    );
    return { kind: 'manual' };
  }
  const example = tests.find((test) => test.trigger?.kind === 'event' && test.trigger.params);
  if (example?.trigger) {
    io.stdout(
      paint('dim', `  · started by event "${eventTrigger.event}" with the parameters of test "${example.name}" (override with --params)\n`),
    );
    return example.trigger;
  }
  io.stdout(paint('dim', `  · this flow starts on event "${eventTrigger.event}"; pass its parameters with --params '{…}'\n`));
  return { kind: 'event', name: eventTrigger.event };
}

function llmConfig(env: Io['env']): { llm?: { url: string; model: string; apiKey?: string } } {
  const url = env.PARLEY_LLM_URL;
  if (!url) return {};
  return {
    llm: { url, model: env.PARLEY_LLM_MODEL ?? 'gpt-4o-mini', ...(env.PARLEY_LLM_API_KEY ? { apiKey: env.PARLEY_LLM_API_KEY } : {}) },
  };
}
