/**
 * `parley contacts import <file.csv>`: streams the file into the contacts (never whole in
 * memory), with a progress bar on a terminal and plain progress lines otherwise, then the report:
 * created, updated, skipped, consent recorded and every problem by row and column. Exit 1 when a
 * row had a problem or the import failed.
 */
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import type { ImportReport } from '@parley/contract/api';
import { ImportMappingError, importContacts, parseMapOption } from '@parley/runtime/records';
import { parseCommandArgs, stringOption } from '../args';
import { CliError, UsageError } from '../errors';
import { displayPath, statOrNull } from '../files';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { openRecords, RECORDS_HELP, RECORDS_OPTIONS, recordsTarget } from './contacts-records';

const HELP = `Usage: parley contacts import <file.csv> [options]

Imports contacts from a CSV file whose first row names the columns. A column named like an
attribute is imported as it; --map names the others:
  phone (or address)  the WhatsApp number (normalized to +E.164) or the Messenger/Instagram id
  name, language, timezone, tags ("a;b")
  fields.<key>        a custom field (typed: text, number, date, boolean, choice)
  consent.marketing   yes/no, true/false, 1/0, opted_in/opted_out
  consent.utility     the same, for utility messages
  consent.wording     the words the person agreed to (a marketing opt-in needs them)
  consent.at          when: ISO date-time or Unix milliseconds (default: now)
  ignore              a column not to import

Options:
  --map <col=attr,…>   map columns to attributes, e.g. "Mobile=phone,Opt-in=consent.marketing,Notes=ignore"
  --country <XX>       country of numbers written without +country code (default: the tenant's defaultCountry)
  --wording <text>     the wording of the opt-in, for rows without a consent.wording cell
  --channel <name>     whatsapp (default), messenger or instagram
  --dry-run            validate and count only; nothing is written
${RECORDS_HELP}

Rows with a problem are skipped whole and listed by row (the header is row 1) and column.
Exit codes: 0 every row imported, 1 rows with problems or a failed import, 2 usage errors.
`;

const CHANNELS = ['whatsapp', 'messenger', 'instagram'] as const;
const PROBLEMS_SHOWN = 50;

export async function runContactsImport(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('contacts import', argv, {
    ...RECORDS_OPTIONS,
    map: { type: 'string' },
    country: { type: 'string' },
    wording: { type: 'string' },
    channel: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError('parley contacts import: which file? Give the CSV file to import');
  if (extra !== undefined) throw new UsageError(`parley contacts import: unexpected argument "${extra}" (one file per import)`);
  const path = resolve(io.cwd, file);
  const display = displayPath(path, io.cwd);
  const stat = statOrNull(path);
  if (!stat?.isFile()) throw new CliError(`parley contacts import: ${display}: no such file`);
  let mapping;
  try {
    const map = stringOption(args, 'map');
    mapping = map === undefined ? undefined : parseMapOption(map);
  } catch (error) {
    if (error instanceof ImportMappingError) throw new UsageError(`parley contacts import: ${error.message}`);
    throw error;
  }
  const country = stringOption(args, 'country');
  if (country !== undefined && !/^[A-Za-z]{2}$/.test(country))
    throw new UsageError(`parley contacts import: --country "${country}": expected a two-letter country code (ISO 3166), e.g. BR`);
  const channel = stringOption(args, 'channel') ?? 'whatsapp';
  if (!(CHANNELS as readonly string[]).includes(channel))
    throw new UsageError(`parley contacts import: --channel "${channel}": expected ${CHANNELS.join(', ')}`);
  const target = recordsTarget('contacts import', args, io, { needsTenant: true });
  const tenantConfig = target.config?.tenants.find((t) => t.id === target.tenant);
  const defaultCountry = country ?? (tenantConfig?.marketing ?? target.config?.marketing)?.defaultCountry;
  const wording = stringOption(args, 'wording');
  const dryRun = args.values['dry-run'] === true;
  const json = args.values.json === true;

  const records = await openRecords('contacts import', target);
  const progress = progressView(io, stat.size, json);
  let bytes = 0;
  let report: ImportReport;
  try {
    const counted = createReadStream(path).pipe(
      new Transform({
        transform(chunk: Buffer, _enc, next) {
          bytes += chunk.length;
          next(null, chunk);
        },
      }),
    );
    report = await importContacts(records.sql, counted, {
      tenant: target.tenant,
      channel: channel as (typeof CHANNELS)[number],
      ...(mapping ? { mapping } : {}),
      ...(defaultCountry ? { defaultCountry } : {}),
      ...(wording ? { wording } : {}),
      file: basename(path),
      dryRun,
      actor: `cli:${io.env.USER ?? 'unknown'}`,
      now: Date.now,
      onProgress: (r) => progress.update(bytes, r),
    });
  } finally {
    progress.stop();
    await records.close();
  }
  if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(io, report, display, target.tenant, records.description);
  return report.status === 'failed' || report.problemCount > 0 ? EXIT_FAILED : EXIT_OK;
}

interface ProgressView {
  update(bytes: number, report: ImportReport): void;
  stop(): void;
}

/** A bar on a terminal (by bytes read: the row count is not known before the end); a line per batch otherwise. */
function progressView(io: Io, total: number, json: boolean): ProgressView {
  if (json) return { update() {}, stop() {} };
  if (io.interactive && io.terminal) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.terminal,
        format: 'importing |{bar}| {percentage}% | {rows} rows | {problems} problems',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { rows: 0, problems: 0 });
    return {
      update: (bytes, r) => bar.update(Math.min(bytes, total), { rows: r.rows, problems: r.problemCount }),
      stop: () => bar.stop(),
    };
  }
  return {
    update: (_bytes, r) => {
      if (r.status === 'running') io.stderr(`… ${r.rows} rows read, ${r.created + r.updated} imported, ${r.skipped} skipped\n`);
    },
    stop() {},
  };
}

function printReport(io: Io, report: ImportReport, display: string, tenant: string, where: string): void {
  const paint = painter(io.color);
  const verb = report.dryRun ? 'would be ' : '';
  io.stdout(`${paint('dim', `${display} → tenant ${tenant} in ${where}${report.dryRun ? ' (dry run: nothing written)' : ''}`)}\n`);
  io.stdout(
    `${report.rows} rows: ${report.created} ${verb}created, ${report.updated} ${verb}updated, ${report.skipped} skipped; ${report.consentRecorded} consent events ${verb}recorded\n`,
  );
  for (const p of report.problems.slice(0, PROBLEMS_SHOWN))
    io.stdout(`  ${paint('yellow', `row ${p.row}`)}${p.column ? ` ${paint('cyan', p.column)}` : ''}: ${p.problem}\n`);
  if (report.problemCount > PROBLEMS_SHOWN)
    io.stdout(`  … and ${report.problemCount - PROBLEMS_SHOWN} more problems (--json lists up to 1,000)\n`);
  if (report.status === 'failed') io.stderr(`${paint('red', 'import failed')}: ${report.error ?? 'unknown error'}\n`);
  else
    io.stdout(
      `${report.problemCount === 0 ? paint('green', 'done') : paint('yellow', `done with ${report.problemCount} problem(s)`)} (import ${report.id})\n`,
    );
}
