/**
 * `parley <command>`: dispatches to one module per command. Command modules are imported
 * lazily so `parley --help` and a small `parley validate` do not pay for the others.
 */
import { CliError } from './errors';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CommandRunner, type Io } from './io';

export type { CommandRunner };

interface CommandEntry {
  summary: string;
  load: () => Promise<CommandRunner>;
}

const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    summary: 'check flow files (structure, references, WhatsApp limits)',
    load: async () => (await import('./commands/validate')).runValidate,
  },
  test: { summary: 'run the transcript tests in flows/*.test.json', load: async () => (await import('./commands/test')).runTest },
  chat: { summary: 'talk to a flow in the terminal', load: async () => (await import('./commands/chat')).runChat },
  compile: {
    summary: 'print the compiled state machine of a flow, with statistics',
    load: async () => (await import('./commands/compile')).runCompile,
  },
  format: {
    summary: 'rewrite flow and layout files in the stable format (--check for CI)',
    load: async () => (await import('./commands/format')).runFormat,
  },
  new: { summary: 'create a starter flow with its layout and a passing test', load: async () => (await import('./commands/new')).runNew },
  migrate: {
    summary: 'upgrade a flow file to the current spec version',
    load: async () => (await import('./commands/migrate')).runMigrate,
  },
  doctor: {
    summary: 'check a deployment: config, env variables, Graph token, Redis, flows, webhook route',
    load: async () => (await import('./commands/doctor')).runDoctor,
  },
  templates: {
    summary: 'message templates: validate, diff, push to Meta, pull, status, dry-run against a flow',
    load: async () => (await import('./commands/templates')).runTemplates,
  },
  contacts: {
    summary: 'contacts: import a CSV file (validated, consent recorded), export or erase one person',
    load: async () => (await import('./commands/contacts')).runContacts,
  },
  db: {
    summary: 'the business-records database: migrate',
    load: async () => (await import('./commands/db')).runDb,
  },
  // Owned by @parley/nlu's engineer; its io needs only stdout/stderr, a subset of ours.
  nlu: {
    summary: 'understanding tools: measure intent accuracy on a labelled data set',
    load: async () => (await import('./commands/nlu/index')).runNluCommand,
  },
};

export const VERSION = '0.1.0';

export function topLevelHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return [
    'parley — build, test and talk to conversation flows',
    '',
    'Usage: parley <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `parley <command> --help` for the options of one command.',
    'Exit codes: 0 ok, 1 flow or test errors, 2 usage errors.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(topLevelHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`parley: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See parley --help.\n`);
    return EXIT_USAGE;
  }
  try {
    const run = await entry.load();
    return await run(rest, io);
  } catch (error) {
    return reportError(error, io, name);
  }
}

/** Expected errors print their message; anything else is a bug, reported in one line with a hint. */
function reportError(error: unknown, io: Io, command: string): number {
  if (error instanceof CliError) {
    io.stderr(`${error.message}\n`);
    if (error.exitCode === EXIT_USAGE) io.stderr(`See parley ${command} --help.\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`parley ${command}: internal error: ${message}\n(set PARLEY_DEBUG=1 for the stack trace)\n`);
  if (io.env.PARLEY_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILED;
}
