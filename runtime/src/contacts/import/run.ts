/**
 * A contact import from a CSV stream: parsed as it arrives (never the whole file in memory),
 * validated row by row, written in batches (write.ts), with a report kept in `contact_imports`
 * and a progress callback (the CLI's bar, the API's polling). Bad input never throws: the report
 * says what went wrong, by row and column.
 */
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { ContactChannel } from '@parley/contract';
import type { ImportMapping, ImportProblem, ImportReport } from '@parley/contract/api';
import type { Sql } from '../../db/sql';
import { listFieldDefinitions } from '../fields';
import { ImportMappingError, resolveMapping, type MappedColumn } from './mapping';
import { saveImportReport } from './reports';
import { validateRow, type ImportRow, type RowContext } from './rows';
import { existingAddresses, suppressedAddresses, writeBatch } from './write';

export interface ImportOptions {
  tenant: string;
  channel?: ContactChannel;
  /** Column → attribute; columns not named are mapped by their header. */
  mapping?: ImportMapping;
  /** ISO 3166 alpha-2 country of numbers written without +country code. */
  defaultCountry?: string;
  /** The words people agreed to, for rows without a consent.wording cell. */
  wording?: string;
  /** The file's name: the consent events' source ({file,row}) and the report. */
  file?: string;
  /** Validate and count only: nothing but the report is written. */
  dryRun?: boolean;
  /** Who runs it (the audit row and the report's owner). */
  actor: string;
  now: () => number;
  /** The report's id (the API makes it first, to answer 202 with it). */
  id?: string;
  /** Rows per write (default 5,000). */
  batchSize?: number;
  onProgress?: (report: ImportReport) => void;
}

const PROBLEMS_KEPT = 1000;
const MAX_RECORD_BYTES = 1 << 20;

export function newImportReport(id: string, file: string | undefined, startedAt: number, dryRun = false): ImportReport {
  return {
    id,
    status: 'running',
    ...(file ? { file } : {}),
    ...(dryRun ? { dryRun } : {}),
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    consentRecorded: 0,
    problems: [],
    problemCount: 0,
    startedAt,
  };
}

export function newImportId(now: number): string {
  return `imp_${now.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function importContacts(sql: Sql, input: Readable, opts: ImportOptions): Promise<ImportReport> {
  const startedAt = opts.now();
  const file = opts.file ?? 'upload.csv';
  const channel = opts.channel ?? 'whatsapp';
  const report = newImportReport(opts.id ?? newImportId(startedAt), file, startedAt, opts.dryRun === true);
  const addProblems = (problems: readonly ImportProblem[]) => {
    report.problemCount += problems.length;
    for (const p of problems) if (report.problems.length < PROBLEMS_KEPT) report.problems.push(p);
  };
  await saveImportReport(sql, opts.tenant, report, opts.actor);

  const fieldDefs = await listFieldDefinitions(sql, opts.tenant);
  const ctx: RowContext = {
    channel,
    ...(opts.defaultCountry ? { defaultCountry: opts.defaultCountry.toUpperCase() } : {}),
    ...(opts.wording?.trim() ? { wording: opts.wording.trim() } : {}),
    fields: new Map(fieldDefs.map((d) => [d.key, d])),
    now: startedAt,
  };
  const batchSize = opts.batchSize ?? 5000;
  const seen = new Map<string, number>();
  let batch: ImportRow[] = [];
  let columns: MappedColumn[] | null = null;
  let width = 0;

  /** Writes one batch and counts it; the next batch is parsed meanwhile (the database is another process). */
  const write = async (rows: ImportRow[]) => {
    const erased = await suppressedAddresses(
      sql,
      opts.tenant,
      channel,
      rows.map((r) => r.address),
    );
    const kept = erased.size === 0 ? rows : rows.filter((r) => !erased.has(r.address));
    for (const r of rows)
      if (erased.has(r.address))
        addProblems([{ row: r.row, problem: `${r.address} was erased at the person's request (a suppression entry): not imported` }]);
    report.skipped += rows.length - kept.length;
    if (opts.dryRun) {
      const existing = await existingAddresses(
        sql,
        opts.tenant,
        channel,
        kept.map((r) => r.address),
      );
      report.updated += existing.size;
      report.created += kept.length - existing.size;
      report.consentRecorded += kept.reduce((n, r) => n + (r.consent?.marketing ? 1 : 0) + (r.consent?.utility ? 1 : 0), 0);
    } else {
      const written = await writeBatch(sql, { tenant: opts.tenant, channel, file, now: startedAt }, kept);
      report.created += written.created;
      report.updated += written.updated;
      report.consentRecorded += written.consentRecorded;
    }
    await saveImportReport(sql, opts.tenant, report, opts.actor);
    opts.onProgress?.(structuredClone(report));
  };
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    if (batch.length === 0) return;
    inFlight = write(batch);
    // A failed write is awaited (and thrown) by the next flush; until then it must not be "unhandled".
    inFlight.catch(() => {});
    batch = [];
  };

  try {
    const parser = input.pipe(
      parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
    );
    input.on('error', (err) => parser.destroy(err));
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      const rowNo = info.records;
      if (columns === null) {
        const resolved = resolveMapping(record, opts.mapping, fieldDefs);
        columns = resolved.columns;
        width = record.length;
        for (const column of resolved.unknown)
          addProblems([
            {
              row: 1,
              column,
              problem: `not imported: no contact attribute has this name (map it with "${column}=<attribute>", or to ignore)`,
            },
          ]);
        continue;
      }
      report.rows++;
      if (record.length !== width) {
        report.skipped++;
        addProblems([{ row: rowNo, problem: `has ${record.length} cells where the header has ${width}` }]);
        continue;
      }
      const result = validateRow(record, rowNo, columns, ctx);
      if (!result.ok) {
        report.skipped++;
        addProblems(result.problems);
        continue;
      }
      const first = seen.get(result.row.address);
      if (first !== undefined) {
        report.skipped++;
        addProblems([{ row: rowNo, problem: `${result.row.address} is already in row ${first}: only the first is imported` }]);
        continue;
      }
      seen.set(result.row.address, rowNo);
      batch.push(result.row);
      if (batch.length >= batchSize) await flush();
    }
    if (columns === null) throw new ImportMappingError('the file is empty: expected a header row (e.g. phone,name,consent.marketing)');
    await flush();
    await inFlight;
    report.status = 'done';
  } catch (err) {
    await inFlight.catch(() => {});
    report.status = 'failed';
    report.error = describeFailure(err);
    if (err instanceof CsvError) addProblems([{ row: Number(err.lines ?? 0), problem: report.error }]);
  }
  // Batches finish out of step with parsing: keep the problems in row order.
  report.problems.sort((a, b) => a.row - b.row);
  report.finishedAt = opts.now();
  await saveImportReport(sql, opts.tenant, report, opts.actor);
  if (!opts.dryRun) await audit(sql, opts, report);
  opts.onProgress?.(structuredClone(report));
  return report;
}

function describeFailure(err: unknown): string {
  if (err instanceof ImportMappingError) return err.message;
  if (err instanceof CsvError)
    return `the file is not valid CSV at line ${String(err.lines ?? '?')}: ${err.message.replace(/ at line \d+/, '')}`;
  return `the import stopped: ${err instanceof Error ? err.message : String(err)} (rows before it were written)`;
}

async function audit(sql: Sql, opts: ImportOptions, report: ImportReport): Promise<void> {
  const { problems: _problems, ...summary } = report;
  await sql.query('INSERT INTO audit_log (tenant, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    opts.tenant,
    report.finishedAt ?? report.startedAt,
    opts.actor,
    'contacts.import',
    `import:${report.id}`,
    JSON.stringify(summary),
  ]);
}
