/**
 * The analytics overlay: per-node visits and drop-off and per-connection counts
 * from the runtime's counters, for a chosen time range, drawn on the canvas.
 */
import { ChartColumn } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, type AnalyticsReport, type ApiClient } from '../api/client';
import { edgeId } from '../canvas/elements';

/** The runtime counts per day, so ranges are whole days ending today (UTC). */
const RANGES = { '1d': 0, '7d': 6, '30d': 29 } as const;
type Range = keyof typeof RANGES;

export interface AnalyticsState {
  on: boolean;
  setOn: (on: boolean) => void;
  range: Range;
  setRange: (r: Range) => void;
  report: AnalyticsReport | null;
  edgeCounts: Map<string, number> | undefined;
  error: string | null;
}

export function useAnalytics(api: ApiClient, flowId: string): AnalyticsState {
  const [on, setOn] = useState(false);
  const [range, setRange] = useState<Range>('7d');
  const [report, setReport] = useState<AnalyticsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!on) {
      setReport(null);
      return;
    }
    let live = true;
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[range] * 86_400_000);
    api.analytics(flowId, day(from), day(to)).then(
      (r) => live && (setReport(r), setError(null)),
      (e) => live && setError(e instanceof ApiError ? e.message : 'Analytics are not available.'),
    );
    return () => {
      live = false;
    };
  }, [on, range, api, flowId]);
  const edgeCounts = useMemo(() => (report ? edgeCountsOf(report) : undefined), [report]);
  return { on, setOn, range, setRange, report, edgeCounts, error };
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function edgeCountsOf(report: AnalyticsReport): Map<string, number> {
  const m = new Map<string, number>();
  for (const [nodeId, stats] of Object.entries(report.nodes)) {
    for (const [exit, count] of Object.entries(stats.exits ?? {})) m.set(edgeId(nodeId, exit), count);
  }
  return m;
}

export function AnalyticsControls({ state }: { state: AnalyticsState }) {
  const r = state.report;
  return (
    <div className="analytics-controls">
      <button type="button" aria-pressed={state.on} onClick={() => state.setOn(!state.on)}>
        <ChartColumn size={16} aria-hidden="true" /> Analytics
      </button>
      {state.on && (
        <>
          <select aria-label="Analytics time range" value={state.range} onChange={(e) => state.setRange(e.target.value as Range)}>
            <option value="1d">Today</option>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
          </select>
          {r && (
            <span className="analytics-sum">
              {r.starts} started · {r.completions} completed{r.starts ? ` (${Math.round((r.completions / r.starts) * 100)}%)` : ''}
            </span>
          )}
          {state.error && (
            <span className="field-issues error" role="alert">
              {state.error}
            </span>
          )}
        </>
      )}
    </div>
  );
}
