/**
 * `parley db migrate`: brings the business-records database (DATABASE_URL, else the config's
 * database.pgliteDir) up to date with the runtime's migrations and prints what it applied. The
 * runtime also migrates at start; this is for deploy pipelines that migrate first.
 */
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_OK, EXIT_USAGE, painter, type Io } from '../io';
import { openRecords, RECORDS_OPTIONS, recordsTarget } from './contacts-records';

const HELP = `Usage: parley db migrate [options]

Applies the migrations the database does not have yet (each in its own transaction, under a lock:
several processes starting together migrate once) and prints them.

Options:
  --config <file>  the config (default: $PARLEY_CONFIG or parley.config.json, when it exists)
  --json           print {"database", "applied"} as JSON
The database is DATABASE_URL, else the config's database.pgliteDir (embedded PGlite).
`;

export async function runDb(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name !== 'migrate') {
    io.stderr(`parley db: unknown subcommand "${name}". Subcommands: migrate.\n`);
    return EXIT_USAGE;
  }
  const args = parseCommandArgs('db migrate', rest, { config: RECORDS_OPTIONS.config!, json: RECORDS_OPTIONS.json! });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`parley db migrate: unexpected argument "${args.positionals[0]}"`);
  const target = recordsTarget('db migrate', args, io, { needsTenant: false });
  const records = await openRecords('db migrate', target);
  await records.close();
  if (args.values.json === true) {
    io.stdout(`${JSON.stringify({ database: records.description, applied: records.applied }, null, 2)}\n`);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  io.stdout(`${paint('dim', records.description)}\n`);
  if (records.applied.length === 0) io.stdout('up to date: no migration to apply\n');
  else for (const id of records.applied) io.stdout(`${paint('green', 'applied')} ${id}\n`);
  return EXIT_OK;
}
