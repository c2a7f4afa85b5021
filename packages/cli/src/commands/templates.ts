/**
 * `parley templates <subcommand>`: message templates as files in git, submitted to Meta, their
 * status in the lock file. One module per subcommand (commands/templates-<name>.ts), loaded lazily
 * like the top-level commands.
 */
import { EXIT_OK, EXIT_USAGE, type CommandRunner, type Io } from '../io';

interface Subcommand {
  usage: string;
  summary: string;
  load: () => Promise<CommandRunner>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  validate: {
    usage: 'validate',
    summary: "check every template file and the lock against Meta's rules",
    load: async () => (await import('./templates-validate')).runTemplatesValidate,
  },
  diff: {
    usage: 'diff',
    summary: 'what changed: local files vs the lock vs Meta (new, changed, unchanged, remote-only)',
    load: async () => (await import('./templates-diff')).runTemplatesDiff,
  },
  push: {
    usage: 'push [name…] [--prune] [--dry-run]',
    summary: 'submit new and changed templates to Meta and record them in the lock',
    load: async () => (await import('./templates-push')).runTemplatesPush,
  },
  pull: {
    usage: 'pull [name…]',
    summary: "import the account's templates that are not in git; refresh the lock's statuses",
    load: async () => (await import('./templates-pull')).runTemplatesPull,
  },
  status: {
    usage: 'status',
    summary: 'status, quality and category of every template and language',
    load: async () => (await import('./templates-status')).runTemplatesStatus,
  },
  'dry-run': {
    usage: 'dry-run <flow> [--samples file.jsonl]',
    summary: 'render the templates a flow can send with samples and pathological values; report what Meta would reject',
    load: async () => (await import('./templates-dry-run')).runTemplatesDryRun,
  },
};

export function templatesHelp(): string {
  const width = Math.max(...Object.values(SUBCOMMANDS).map((s) => s.usage.length));
  return [
    'Usage: parley templates <subcommand> [options]',
    '',
    'WhatsApp message templates as files in git (templates/<name>.template.json) and the lock',
    'that records what Meta said about each language (templates/templates.lock.json).',
    '',
    'Subcommands:',
    ...Object.values(SUBCOMMANDS).map((s) => `  ${s.usage.padEnd(width)}  ${s.summary}`),
    '',
    'Run `parley templates <subcommand> --help` for its options.',
    'Exit codes: 0 ok, 1 template errors / rejections / failed Graph calls, 2 usage errors.',
    '',
  ].join('\n');
}

export async function runTemplates(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(templatesHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    io.stderr(`parley templates: unknown subcommand "${name}". Subcommands: ${Object.keys(SUBCOMMANDS).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  const run = await sub.load();
  return run(rest, io);
}
