/**
 * Results: the funnel per variant side by side (audience, suppressed by reason, sent, delivered,
 * read, replied, opted out, converted, failed by class) with rates, and the A/B verdict — each
 * variant's conversion rate (replies when there is no goal) with its 95 % interval, and a winner
 * highlighted only when the difference is unlikely to be chance.
 */
import { Trophy } from 'lucide-react';
import type { CampaignGoal, Funnel } from '@parley/contract';
import type { CampaignResultsResponse } from '@parley/contract/api';
import { count, percent, percentOf, reasonLabel } from './format';
import { verdict, wilson, type Verdict } from './stats';

interface Props {
  results: CampaignResultsResponse;
  goal: CampaignGoal | undefined;
}

interface Row {
  label: string;
  value: (f: Funnel) => number;
  /** The rate's base: of the audience or of the sent messages. */
  of?: (f: Funnel) => number;
  sub?: boolean;
}

const ofAudience = (f: Funnel) => f.audience;
const ofSent = (f: Funnel) => f.sent;

function rowsFor(columns: Funnel[]): Row[] {
  const keys = (pick: (f: Funnel) => Record<string, number>) => [...new Set(columns.flatMap((f) => Object.keys(pick(f))))].sort();
  return [
    { label: 'Audience', value: (f) => f.audience },
    { label: 'Suppressed', value: (f) => f.suppressed, of: ofAudience },
    ...keys((f) => f.suppressedBy).map((k) => ({
      label: reasonLabel(k),
      value: (f: Funnel) => f.suppressedBy[k] ?? 0,
      of: ofAudience,
      sub: true,
    })),
    { label: 'Not sent yet', value: (f) => f.pending + f.queued, of: ofAudience },
    { label: 'Sent', value: (f) => f.sent, of: ofAudience },
    { label: 'Delivered', value: (f) => f.delivered, of: ofSent },
    { label: 'Read', value: (f) => f.read, of: ofSent },
    { label: 'Replied', value: (f) => f.replied, of: ofSent },
    { label: 'Opted out', value: (f) => f.optedOut, of: ofSent },
    { label: 'Converted', value: (f) => f.converted, of: ofSent },
    { label: 'Failed', value: (f) => f.failed, of: ofSent },
    ...keys((f) => f.failedBy).map((k) => ({ label: reasonLabel(k), value: (f: Funnel) => f.failedBy[k] ?? 0, of: ofSent, sub: true })),
  ];
}

export function ResultsView({ results, goal }: Props) {
  const variantIds = Object.keys(results.variants).sort();
  const columns: Array<{ id: string; label: string; funnel: Funnel }> = variantIds.map((id) => ({
    id,
    label: `Variant ${id}`,
    funnel: results.variants[id]!,
  }));
  if (columns.length !== 1) columns.push({ id: '__total', label: 'Total', funnel: results.totals });
  const metric = goal ? 'converted' : 'replied';
  const outcome = variantIds.map((id) => ({ id, successes: results.variants[id]![metric], trials: results.variants[id]!.sent }));
  const v = verdict(outcome);
  const winner = v.kind === 'winner' ? v.id : null;
  const rows = rowsFor(columns.map((c) => c.funnel));
  return (
    <section className="tpl-section cmp-results" aria-labelledby="cmp-results-title">
      <h2 id="cmp-results-title">Results</h2>
      {variantIds.length > 1 && <VerdictText verdict={v} metric={metric} outcome={outcome} />}
      <div className="tpl-table-wrap">
        <table className="cmp-funnel">
          <caption className="sr-only">Funnel per variant</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={c.id === winner ? 'cmp-winner' : undefined} data-variant={c.id}>
                  {c.label}
                  {c.id === winner && (
                    <span className="cmp-winner-badge">
                      <Trophy size={12} aria-hidden="true" /> Winner
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.sub ? 'sub-' : ''}${r.label}`} className={r.sub ? 'cmp-sub' : undefined}>
                <th scope="row">{r.label}</th>
                {columns.map((c) => (
                  <td key={c.id} className={c.id === winner ? 'cmp-winner' : undefined}>
                    {count(r.value(c.funnel))}
                    {r.of && <span className="help"> {percent(r.value(c.funnel), r.of(c.funnel))}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="help">Delivered, read, replied, opted out, converted and failed are shares of the messages sent.</p>
    </section>
  );
}

function VerdictText({
  verdict: v,
  metric,
  outcome,
}: {
  verdict: Verdict;
  metric: 'converted' | 'replied';
  outcome: Array<{ id: string; successes: number; trials: number }>;
}) {
  const noun = metric === 'converted' ? 'conversion' : 'reply';
  return (
    <div className="cmp-verdict" role="status">
      <ul>
        {outcome.map((o) => {
          const w = wilson(o.successes, o.trials);
          return (
            <li key={o.id} data-variant={o.id}>
              Variant {o.id}:{' '}
              {o.trials > 0 ? (
                <>
                  {percentOf(w.rate)} {noun} rate
                  <span className="help">
                    {' '}
                    (95 % interval {percentOf(w.low)}–{percentOf(w.high)}; {count(o.successes)} of {count(o.trials)} sent)
                  </span>
                </>
              ) : (
                'nothing sent yet'
              )}
            </li>
          );
        })}
      </ul>
      <p className="cmp-verdict-line">
        {v.kind === 'winner' && (
          <strong>
            Variant {v.id} wins: its {noun} rate is higher than every other variant&apos;s with 95 % confidence.
          </strong>
        )}
        {v.kind === 'not_enough_data' && <>Not enough data yet: each variant needs at least {v.needed} sent messages to compare.</>}
        {v.kind === 'no_clear_winner' &&
          (v.leader
            ? `No clear winner yet: variant ${v.leader} leads, but the difference could still be chance.`
            : 'No clear winner yet: the variants are level.')}
      </p>
    </div>
  );
}
