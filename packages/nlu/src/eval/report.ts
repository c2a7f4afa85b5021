/** The evaluation table, systems side by side. */
import type { EvaluationResult } from './runner';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${x.toFixed(3)} ms`);

export function formatTable(results: readonly EvaluationResult[]): string {
  const rows: Array<[string, (r: EvaluationResult) => string]> = [
    ['test utterances', (r) => String(r.count)],
    ['in-scope accuracy', (r) => pct(r.accuracy)],
    ['macro-F1', (r) => pct(r.macroF1)],
    ['precision @ 50 % coverage', (r) => pct(r.precisionAtCoverage['50'])],
    ['precision @ 70 % coverage', (r) => pct(r.precisionAtCoverage['70'])],
    ['precision @ 90 % coverage', (r) => pct(r.precisionAtCoverage['90'])],
    ['accepted at threshold', (r) => `${pct(r.acceptedShare)} (precision ${pct(r.acceptedPrecision)})`],
    ['out-of-scope recall', (r) => (r.oosRecall === undefined ? '—' : `${pct(r.oosRecall)} of ${r.oosCount}`)],
    ['training time', (r) => ms(r.trainingMs)],
    ['latency p50 / p95', (r) => `${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p95)}`],
  ];
  const header = ['metric', ...results.map((r) => r.system)];
  const body = rows.map(([label, cell]) => [label, ...results.map(cell)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
