/**
 * Campaign benchmark (issue 12), on the real PostgreSQL server (a fresh schema per measurement):
 *   1. import of a contacts CSV (100,000 rows) vs a plain COPY of the same rows — target ≤ 3× COPY;
 *      the same on PGlite for context;
 *   2. the launch's audience freeze of 100,000 contacts (tag + marketing opt-in) — target ≤ 5 s;
 *   3. a campaign to --contacts contacts through the runtime process and the fake Graph API at
 *      80 msg/s (number 160/s × rateShare 0.5): the send rate over the steady part (target within
 *      ±5 % of 80), and replies to inbound messages (5/s) — webhook → reply p95 with the campaign
 *      running vs without (target ≤ 2×).
 *   npm run bench:campaigns -- [--contacts 20000] [--import-rows 100000] [--pglite-rows 20000]
 *     [--audience 100000] [--rounds 3] [--baseline 30] [--only import,freeze,send]
 */
import { parseArgs } from 'node:util';
import { timeFreeze, timeImport, type FreezeTiming, type ImportTiming } from './campaigns-records';
import { runCampaignSend, type SendRunResult } from './campaigns-send';
import { fmt, machineLine, median, numberFlag, percentile, spread } from './lib';

const { values: flags } = parseArgs({
  options: {
    contacts: { type: 'string' },
    'import-rows': { type: 'string' },
    'pglite-rows': { type: 'string' },
    audience: { type: 'string' },
    rounds: { type: 'string' },
    baseline: { type: 'string' },
    only: { type: 'string' },
  },
});
const CONTACTS = Math.round(numberFlag(flags.contacts, 20_000, 'contacts'));
const IMPORT_ROWS = Math.round(numberFlag(flags['import-rows'], 100_000, 'import-rows'));
const PGLITE_ROWS = Math.round(numberFlag(flags['pglite-rows'], 20_000, 'pglite-rows'));
const AUDIENCE = Math.round(numberFlag(flags.audience, 100_000, 'audience'));
const ROUNDS = Math.round(numberFlag(flags.rounds, 3, 'rounds'));
const BASELINE_MS = numberFlag(flags.baseline, 30, 'baseline') * 1000;
const CAMPAIGN_RATE = 80;
const RATE_SHARE = 0.5;
const REPLY_RATE = 5;
const PARTS = ['import', 'freeze', 'send'] as const;
const only = new Set((flags.only ?? PARTS.join(',')).split(',').map((s) => s.trim()));
for (const part of only)
  if (!(PARTS as readonly string[]).includes(part)) {
    process.stderr.write(`--only takes ${PARTS.join(', ')}; got "${part}"\n`);
    process.exit(1);
  }

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const seconds = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
const verdict = (met: boolean): string => (met ? 'yes' : 'NO');
/** A part that could not run says why instead of a figure. */
const notMeasured = (what: string, err: unknown): string =>
  `| ${what} | not measured: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} | | | |`;

const rows: string[] = [];

if (only.has('import')) {
  try {
    const pg: ImportTiming[] = [];
    // A slow import is measured once: the default run stays within minutes.
    for (let r = 0; r < ROUNDS && (pg.at(-1)?.importMs ?? 0) < 30_000; r++) {
      pg.push(await timeImport('postgres', IMPORT_ROWS));
      log(`import round ${r + 1}/${ROUNDS}: ${seconds(pg.at(-1)!.importMs)} (COPY ${seconds(pg.at(-1)!.copyMs)})`);
    }
    const wrong = pg.find((t) => t.contacts !== IMPORT_ROWS || t.problems > 0);
    if (wrong) throw new Error(`the import stored ${wrong.contacts} of ${IMPORT_ROWS} contacts with ${wrong.problems} problems`);
    const ratios = pg.map((t) => t.importMs / t.copyMs);
    rows.push(
      `| import ${fmt(IMPORT_ROWS)} contacts (CSV), PostgreSQL | ${spread(
        pg.map((t) => t.importMs / 1000),
        2,
      )} s | plain COPY of the same rows: ${spread(
        pg.map((t) => t.copyMs / 1000),
        2,
      )} s | ${spread(ratios, 1)}× | ≤ 3×: ${verdict(median(ratios) <= 3)} |`,
    );
    const recordRatios = pg.map((t) => t.importMs / t.recordsCopyMs);
    rows.push(
      `| … the same import against COPY of the records it writes (contacts with their indexes, consent events and state) | ${spread(
        pg.map((t) => t.importMs / 1000),
        2,
      )} s | COPY of the same records: ${spread(
        pg.map((t) => t.recordsCopyMs / 1000),
        2,
      )} s | ${spread(recordRatios, 1)}× | ≤ 3×: ${verdict(median(recordRatios) <= 3)} |`,
    );
    const lite = await timeImport('pglite', PGLITE_ROWS);
    rows.push(
      `| import ${fmt(PGLITE_ROWS)} contacts (CSV), PGlite (context) | ${seconds(lite.importMs)} | plain COPY: ${seconds(lite.copyMs)} | ${fmt(lite.importMs / lite.copyMs, 1)}× | — |`,
    );
  } catch (err) {
    rows.push(notMeasured('import', err));
  }
}

if (only.has('freeze')) {
  try {
    const runs: FreezeTiming[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      runs.push(await timeFreeze(AUDIENCE));
      log(`freeze round ${r + 1}/${ROUNDS}: ${seconds(runs.at(-1)!.freezeMs)} (seed ${seconds(runs.at(-1)!.seedMs)})`);
    }
    const wrong = runs.find((t) => t.frozen !== AUDIENCE || t.suppressed > 0);
    if (wrong) throw new Error(`the freeze took ${wrong.frozen} recipients (${wrong.suppressed} suppressed) of ${AUDIENCE}`);
    const ms = runs.map((t) => t.freezeMs);
    rows.push(
      `| audience freeze, ${fmt(AUDIENCE)} of ${fmt(Math.round(AUDIENCE * 1.1))} contacts (tag + marketing opt-in), PostgreSQL | ${spread(
        ms.map((m) => m / 1000),
        2,
      )} s | — | — | ≤ 5 s: ${verdict(median(ms) <= 5000)} |`,
    );
  } catch (err) {
    rows.push(notMeasured('audience freeze', err));
  }
}

let send: SendRunResult | undefined;
if (only.has('send')) {
  try {
    send = await runCampaignSend({
      contacts: CONTACTS,
      campaignRate: CAMPAIGN_RATE,
      rateShare: RATE_SHARE,
      replyRate: REPLY_RATE,
      baselineMs: BASELINE_MS,
      log,
    });
    const s = send;
    const rateOk = Math.abs(s.steadyRate - CAMPAIGN_RATE) <= CAMPAIGN_RATE * 0.05;
    const exact = s.duplicates === 0 && s.missing === 0;
    rows.push(
      `| campaign to ${fmt(CONTACTS)} contacts, send rate at the Graph API (steady 80 % of the sends) | ${fmt(s.steadyRate, 1)} msg/s (runner queued ${fmt(s.queuedRate, 1)}/s) | configured ${CAMPAIGN_RATE} msg/s | ${fmt(s.steadyRate / CAMPAIGN_RATE, 3)} | ±5 %: ${verdict(rateOk)} |`,
    );
    rows.push(
      `| … each contact messaged once | ${fmt(s.messaged)} messaged, ${fmt(s.duplicates)} twice, ${fmt(s.missing)} never; ${fmt(s.campaignSeconds, 0)} s; status ${s.status ?? '?'} | ${fmt(s.contacts)} recipients | — | ${verdict(exact && s.status === 'completed')} |`,
    );
    const [b50, b95] = [50, 95].map((p) => percentile(s.baselineLatencies, p));
    const [c50, c95] = [50, 95].map((p) => percentile(s.campaignLatencies, p));
    const ratio = (c95 ?? NaN) / (b95 ?? NaN);
    rows.push(
      `| replies at ${REPLY_RATE}/s during the campaign, webhook → reply p50 / p95 | ${fmt(c50 ?? NaN)} / ${fmt(c95 ?? NaN)} ms (${s.campaignLatencies.length}) | no campaign: ${fmt(b50 ?? NaN)} / ${fmt(b95 ?? NaN)} ms (${s.baselineLatencies.length}) | ${fmt(ratio, 2)}× | ≤ 2×: ${verdict(ratio <= 2 && s.unanswered === 0)}${s.unanswered ? ` (${s.unanswered} unanswered)` : ''} |`,
    );
  } catch (err) {
    rows.push(notMeasured('campaign send', err));
  }
}

console.log(
  `\nCampaign benchmark: real PostgreSQL (fresh schema each), ${ROUNDS} rounds where repeated (median (min–max)); runtime in one process (all roles) on Redis; fake Graph API in the bench process`,
);
console.log(`machine: ${machineLine()}\n`);
console.log('| measurement | figure | baseline | ratio | target met |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exit(0);
