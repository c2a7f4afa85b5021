/**
 * `parley contacts <subcommand>`: the business records of people — import a CSV file, export
 * everything held about one person, erase one person. One module per subcommand, loaded lazily.
 */
import { EXIT_OK, EXIT_USAGE, type CommandRunner, type Io } from '../io';

interface Subcommand {
  usage: string;
  summary: string;
  load: () => Promise<CommandRunner>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  import: {
    usage: 'import <file.csv> [--map col=attr,…] [--country XX] [--wording "…"] [--dry-run]',
    summary: 'import contacts from a CSV file: numbers normalized, rows validated, consent recorded, a report',
    load: async () => (await import('./contacts-import')).runContactsImport,
  },
  export: {
    usage: 'export <contact id>',
    summary: 'everything held about one person (GDPR/LGPD access request), as JSON',
    load: async () => (await import('./contacts-privacy')).runContactsExport,
  },
  erase: {
    usage: 'erase <contact id> --yes',
    summary: 'erase one person everywhere, keeping only an anonymized suppression entry',
    load: async () => (await import('./contacts-privacy')).runContactsErase,
  },
};

function contactsHelp(): string {
  const width = Math.max(...Object.values(SUBCOMMANDS).map((s) => s.usage.length));
  return [
    'Usage: parley contacts <subcommand> [options]',
    '',
    'Contacts and their consent, in the database the runtime keeps them in (DATABASE_URL or the',
    "config's database.pgliteDir).",
    '',
    'Subcommands:',
    ...Object.values(SUBCOMMANDS).map((s) => `  ${s.usage.padEnd(width)}  ${s.summary}`),
    '',
    'Run `parley contacts <subcommand> --help` for its options.',
    'Exit codes: 0 ok, 1 rows with problems / a failed import / not found, 2 usage errors.',
    '',
  ].join('\n');
}

export async function runContacts(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(contactsHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    io.stderr(`parley contacts: unknown subcommand "${name}". Subcommands: ${Object.keys(SUBCOMMANDS).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  const run = await sub.load();
  return run(rest, io);
}
