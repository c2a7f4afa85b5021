/**
 * /api/contacts/imports: upload a CSV file (the body, `text/csv`, streamed to a temporary file —
 * never held in memory — up to 100 MB), answered 202 with the report while the import runs;
 * GET /api/contacts/imports/:importId for its progress and problems. `dryRun=true` validates only.
 * 503 `no_database` without records.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ImportMapping } from '@parley/contract/api';
import { ErrorEnvelope, ImportIdParams, ImportQuery, ImportReport, TenantQuery } from '@parley/contract/api';
import { importContacts, newImportId, newImportReport } from '../contacts/import/run';
import { getImportReport, saveImportReport } from '../contacts/import/reports';
import type { RuntimeContext } from '../platform/context';
import { recordsScope } from './contacts-api';
import { sendError } from './errors';

const tags = ['contacts'];
/** The largest upload: 100 MB is ~1 million rows of a typical contact list. */
const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

class TooLarge extends Error {}

export async function contactImportsApi(scope: FastifyInstance, ctx: RuntimeContext, opts: { maxBytes?: number } = {}): Promise<void> {
  const maxBytes = opts.maxBytes ?? IMPORT_MAX_BYTES;
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // The body reaches the handler as the request stream: it is spooled to disk, not parsed.
  app.addContentTypeParser(CSV_TYPES, (_req, payload, done) => done(null, payload));

  app.post(
    '/api/contacts/imports',
    {
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: 'Imports contacts from a CSV file (the body): 202 with the report while it runs; poll GET /api/contacts/imports/:importId',
        description:
          'Columns map to phone|address, name, language, timezone, tags (";"-separated), fields.<key>, consent.marketing, consent.utility, consent.wording and consent.at — by their header or by `map` (JSON {"column": "attribute"}). A marketing opt-in needs the wording (a column or `wording`). Rows with problems are skipped and listed by row and column.',
        querystring: ImportQuery,
        body: Type.Unknown({ description: 'The CSV file (text/csv), UTF-8, header row first' }),
        response: { 202: ImportReport, 400: ErrorEnvelope, 404: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const body = req.body;
      if (!body || typeof (body as NodeJS.ReadableStream).pipe !== 'function')
        return sendError(reply, 415, 'unsupported_media_type', `send the CSV file as the body with Content-Type: text/csv`);
      let mapping: ImportMapping | undefined;
      if (req.query.map !== undefined) {
        const parsed = parseMapping(req.query.map);
        if (typeof parsed === 'string') return sendError(reply, 400, 'bad_mapping', parsed);
        mapping = parsed;
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBytes) return tooLarge(reply, maxBytes);
      const dir = await mkdtemp(join(tmpdir(), 'parley-import-'));
      const path = join(dir, 'upload.csv');
      let bytes = 0;
      try {
        await pipeline(
          body as NodeJS.ReadableStream,
          new Transform({
            transform(chunk: Buffer, _enc, next) {
              bytes += chunk.length;
              next(bytes > maxBytes ? new TooLarge() : null, chunk);
            },
          }),
          createWriteStream(path),
        );
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        if (err instanceof TooLarge) return tooLarge(reply, maxBytes);
        throw err;
      }
      if (bytes === 0) {
        await rm(dir, { recursive: true, force: true });
        return sendError(reply, 400, 'empty_file', 'the body is empty: send the CSV file, header row first');
      }
      const dryRun = req.query.dryRun === true || req.query.dryRun === 'true';
      const now = ctx.now();
      const file = req.query.file ?? 'upload.csv';
      const report = newImportReport(newImportId(now), file, now, dryRun);
      await saveImportReport(s.db, s.tenant.id, report, ctx.admin.user);
      const country = req.query.country ?? (s.tenant.marketing ?? ctx.config.marketing).defaultCountry;
      void importContacts(s.db, createReadStream(path), {
        id: report.id,
        tenant: s.tenant.id,
        ...(req.query.channel ? { channel: req.query.channel } : {}),
        ...(mapping ? { mapping } : {}),
        ...(country ? { defaultCountry: country } : {}),
        ...(req.query.wording ? { wording: req.query.wording } : {}),
        file,
        dryRun,
        actor: ctx.admin.user,
        now: ctx.now,
      })
        .then((done) =>
          ctx.log.info({ import: done.id, status: done.status, rows: done.rows, problems: done.problemCount }, 'contact import finished'),
        )
        .catch((err: unknown) => ctx.log.error({ import: report.id, err: (err as Error).message }, 'contact import failed'))
        .finally(() => rm(dir, { recursive: true, force: true }));
      return reply.code(202).send(report);
    },
  );

  app.get(
    '/api/contacts/imports/:importId',
    {
      schema: {
        tags,
        summary: "An import's report: status, rows done, created, updated, skipped, consent recorded and the problems by row and column",
        params: ImportIdParams,
        querystring: TenantQuery,
        response: { 200: ImportReport, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const report = await getImportReport(s.db, s.tenant.id, req.params.importId);
      if (!report) return sendError(reply, 404, 'unknown_import', `no import "${req.params.importId}" in tenant ${s.tenant.id}`);
      return report;
    },
  );
}

function tooLarge(reply: Parameters<typeof sendError>[0], maxBytes: number) {
  return sendError(
    reply,
    413,
    'too_large',
    `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: split it into several imports`,
  );
}

/** `map` is JSON {"column": "attribute"}; the message says what is wrong. */
function parseMapping(text: string): ImportMapping | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `map: expected JSON like {"Mobile":"phone"} (${(err as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'map: expected a JSON object {"column": "attribute"}';
  for (const [column, attribute] of Object.entries(value))
    if (typeof attribute !== 'string') return `map: the attribute of column "${column}" must be a string, got ${JSON.stringify(attribute)}`;
  return value as ImportMapping;
}
