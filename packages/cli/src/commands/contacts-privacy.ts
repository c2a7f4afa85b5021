/**
 * `parley contacts export <id>` (everything held about a person, as JSON on stdout) and
 * `parley contacts erase <id> --yes` (the person erased from the database and Redis; only an
 * anonymized suppression entry stays). Both reach Redis through REDIS_URL.
 */
import { eraseContact, exportContact } from '@parley/runtime/records';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { openRecords, openStores, RECORDS_HELP, RECORDS_OPTIONS, recordsTarget } from './contacts-records';

const EXPORT_HELP = `Usage: parley contacts export <contact id> [options]

Prints everything Parley holds about one person as JSON (a GDPR/LGPD access request): the contact,
the consent ledger, activity, campaign records, marketing sends made and refused, audit entries and
the conversation's state in Redis (session, inbox, outbox, message states, desk transcript).

Options:
${RECORDS_HELP}
Redis is REDIS_URL (PARLEY_REDIS_PREFIX / the config's redis settings).
`;

const ERASE_HELP = `Usage: parley contacts erase <contact id> --yes [options]

Erases one person everywhere: every database row about them and every Redis key of their
conversation. Only an anonymized suppression entry (a hash of the address) remains, so an old
import does not bring them back. This cannot be undone: --yes is required.

Options:
  --yes            really erase
${RECORDS_HELP}
Redis is REDIS_URL (PARLEY_REDIS_PREFIX / the config's redis settings).
`;

interface Opened {
  tenant: string;
  id: string;
  deps: Parameters<typeof exportContact>[0];
  warning?: string;
  close(): Promise<void>;
}

function parse(command: string, argv: string[], help: string, extra: Parameters<typeof parseCommandArgs>[2] = {}) {
  const args = parseCommandArgs(command, argv, { ...RECORDS_OPTIONS, ...extra });
  if (args.values.help) return { kind: 'help', help } as const;
  const [id, more] = args.positionals;
  if (id === undefined) throw new UsageError(`parley ${command}: which contact? Give its id (a uuid, as GET /api/contacts lists it)`);
  if (more !== undefined) throw new UsageError(`parley ${command}: unexpected argument "${more}" (one contact at a time)`);
  return { kind: 'run', args, id } as const;
}

async function connect(command: string, args: Parameters<typeof recordsTarget>[1], io: Io, id: string): Promise<Opened> {
  const target = recordsTarget(command, args, io, { needsTenant: true });
  const records = await openRecords(command, target);
  try {
    const { stores, warning } = await openStores(command, target, io);
    return {
      tenant: target.tenant,
      id,
      deps: { sql: records.sql, privacy: stores.privacy },
      ...(warning ? { warning } : {}),
      close: async () => {
        await stores.close();
        await records.close();
      },
    };
  } catch (error) {
    await records.close();
    throw error;
  }
}

export async function runContactsExport(argv: string[], io: Io): Promise<number> {
  const parsed = parse('contacts export', argv, EXPORT_HELP);
  if (parsed.kind === 'help') {
    io.stdout(parsed.help);
    return EXIT_OK;
  }
  const c = await connect('contacts export', parsed.args, io, parsed.id);
  try {
    if (c.warning) io.stderr(`${painter(io.color)('yellow', 'warning')}: ${c.warning}\n`);
    const data = await exportContact(c.deps, c.tenant, c.id, Date.now());
    if (!data) throw new CliError(`parley contacts export: no contact "${c.id}" in tenant ${c.tenant}`, EXIT_FAILED);
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return EXIT_OK;
  } finally {
    await c.close();
  }
}

export async function runContactsErase(argv: string[], io: Io): Promise<number> {
  const parsed = parse('contacts erase', argv, ERASE_HELP, { yes: { type: 'boolean' } });
  if (parsed.kind === 'help') {
    io.stdout(parsed.help);
    return EXIT_OK;
  }
  if (parsed.args.values.yes !== true)
    throw new UsageError(
      `parley contacts erase: erasing ${parsed.id} cannot be undone: add --yes to erase it (parley contacts export ${parsed.id} first keeps a copy)`,
    );
  const c = await connect('contacts erase', parsed.args, io, parsed.id);
  try {
    const paint = painter(io.color);
    if (c.warning) io.stderr(`${paint('yellow', 'warning')}: ${c.warning}\n`);
    const report = await eraseContact(c.deps, c.tenant, c.id, { actor: `cli:${io.env.USER ?? 'unknown'}`, now: Date.now() });
    if (!report) throw new CliError(`parley contacts erase: no contact "${c.id}" in tenant ${c.tenant}`, EXIT_FAILED);
    if (parsed.args.values.json === true) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT_OK;
    }
    const rows = Object.entries(report.rows)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ');
    io.stdout(
      `${paint('green', 'erased')} ${report.contactId}: rows ${rows || 'none'}; Redis keys and entries ${report.keys}; suppression entry kept\n`,
    );
    return EXIT_OK;
  } finally {
    await c.close();
  }
}
