/**
 * `parley new <id>`: a starting point for a flow — a small valid flow (greeting, a question
 * with buttons, a free-text ask, an end), its layout and a passing transcript test — written
 * in the stable format, so the first edit is a small diff. The scaffold is a draft: a runtime
 * watching the folder does not make it live (docs/operations.md "Flows, hot reload and versions").
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatFlow, formatLayout, SPEC_VERSION, type Flow, type FlowLayout, type FlowTestFile } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { CliError, UsageError } from '../errors';
import { displayPath } from '../files';
import { EXIT_OK, type Io } from '../io';

export const NEW_HELP = `Usage: parley new <id> [options]

Creates <id>.flow.json, <id>.layout.json and <id>.test.json: a small flow that greets,
asks a question with buttons and a free-text question, and ends — with a transcript test
that passes. Then: parley chat, parley test, and edit. The new flow is a draft: a
runtime watching the folder does not make it live until it is published from the
studio (or deployed from git, where the draft mark is not committed).

Options:
  --dir <folder>  where to write the files (default: flows)
  -h, --help      show this help
`;

export async function runNew(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('new', argv, { dir: { type: 'string' } });
  if (args.values.help) {
    io.stdout(NEW_HELP);
    return EXIT_OK;
  }
  const [id, ...extra] = args.positionals;
  if (!id || extra.length) throw new UsageError('parley new: give one flow id, e.g. parley new welcome-tour');
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id))
    throw new UsageError(`parley new: "${id}" is not a flow id (lower-case letters, digits, "-" and "_")`);
  const folder = resolve(io.cwd, stringOption(args, 'dir') ?? 'flows');
  const files = { flow: join(folder, `${id}.flow.json`), layout: join(folder, `${id}.layout.json`), test: join(folder, `${id}.test.json`) };
  const taken = Object.values(files).filter((path) => existsSync(path));
  if (taken.length)
    throw new CliError(
      `parley new: ${taken.map((path) => displayPath(path, io.cwd)).join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing written`,
    );
  mkdirSync(folder, { recursive: true });
  const flow = starterFlow(id);
  // The draft mark first: a runtime watching the folder must never see an unmarked scaffold.
  markDraft(folder, id);
  writeFileSync(files.flow, formatFlow(flow));
  writeFileSync(files.layout, formatLayout(starterLayout(flow), flow));
  // Editors complete test files from the schema when the repository's schemas/ is next door.
  const schema = existsSync(join(folder, '..', 'schemas', 'flow-test.schema.json')) ? { $schema: '../schemas/flow-test.schema.json' } : {};
  writeFileSync(files.test, `${JSON.stringify({ ...schema, ...starterTests(id) }, null, 2)}\n`);
  for (const path of Object.values(files)) io.stdout(`created ${displayPath(path, io.cwd)}\n`);
  io.stdout(`Next: parley chat ${displayPath(files.flow, io.cwd)} · parley test ${displayPath(files.test, io.cwd)}\n`);
  return EXIT_OK;
}

/**
 * `<folder>/.drafts/<id>`: the runtime's mark for a flow file that must not go live by itself
 * (runtime/src/flows/holds.ts; the CLI cannot import the runtime). Git-ignored, so a scaffold
 * committed and deployed from git is published like any deployed file.
 */
function markDraft(folder: string, id: string): void {
  mkdirSync(join(folder, '.drafts'), { recursive: true });
  writeFileSync(join(folder, '.drafts', id), 'scaffold\n');
}

function starterFlow(id: string): Flow {
  return {
    id,
    name: id.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    specVersion: SPEC_VERSION,
    revision: 1,
    languages: ['en'],
    start: 'hello',
    variables: { topic: { type: 'string' }, details: { type: 'string' } },
    nodes: [
      {
        id: 'hello',
        type: 'message',
        text: 'Hi {{default(contact.name, "there")}}! What can I help you with?',
        buttons: [
          { id: 'question', title: 'A question' },
          { id: 'feedback', title: 'Feedback' },
        ],
        saveAs: 'topic',
        timeout: '1h',
        exits: { question: 'ask_details', feedback: 'ask_details', other: 'ask_details', timeout: 'bye' },
      },
      {
        id: 'ask_details',
        type: 'ask',
        prompt: 'Tell me a bit more.',
        expect: 'text',
        saveAs: 'details',
        timeout: '1h',
        exits: { next: 'thanks', timeout: 'bye' },
      },
      { id: 'thanks', type: 'message', text: 'Thanks! Someone will get back to you about: {{details}}', exits: { next: 'done' } },
      { id: 'bye', type: 'message', text: 'No problem, message me any time.', exits: { next: 'done' } },
      { id: 'done', type: 'end', outcome: 'completed' },
    ],
  };
}

function starterLayout(flow: Flow): FlowLayout {
  const at: Record<string, { x: number; y: number }> = {
    hello: { x: 0, y: 0 },
    ask_details: { x: 300, y: 0 },
    thanks: { x: 600, y: 0 },
    bye: { x: 600, y: 160 },
    done: { x: 900, y: 0 },
  };
  return {
    flowId: flow.id,
    positions: Object.fromEntries(flow.nodes.map((node) => [node.id, at[node.id]!])),
    viewport: { x: 40, y: 40, zoom: 1 },
  };
}

function starterTests(id: string): FlowTestFile {
  return {
    flow: id,
    tests: [
      {
        name: 'a question is passed on',
        contact: { id: 'c1', name: 'Ada' },
        turns: [
          { bot: { text: 'Hi Ada! What can I help you with?', buttons: ['A question', 'Feedback'] } },
          { tap: 'question' },
          { bot: { text: 'Tell me a bit more.' } },
          { user: 'Do you ship to Canada?' },
          { bot: { text: 'Thanks! Someone will get back to you about: Do you ship to Canada?' } },
          { expect: { ended: true, variables: { topic: 'question' } } },
        ],
      },
      {
        name: 'silence ends politely',
        turns: [
          { bot: { contains: 'What can I help you with?' } },
          { timeout: true },
          { bot: { text: 'No problem, message me any time.' } },
          { expect: { ended: true } },
        ],
      },
    ],
  };
}
