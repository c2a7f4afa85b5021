/**
 * A launched campaign: live progress (polled every 2 s) with the rate and the time left, pause /
 * resume / cancel (cancel asks first), the paused reason (e.g. auto-paused for quality), then the
 * results per variant.
 */
import { useState } from 'react';
import { Pause, Play, Square } from 'lucide-react';
import type { Campaign } from '@parley/contract';
import { ApiError } from '../api/client';
import type { CampaignAction, CampaignsApi } from '../api/campaigns';
import { ChoiceDialog } from '../ui/ChoiceDialog';
import { count, dateTime, duration, percent } from './format';
import { ResultsView } from './ResultsView';
import { useResults } from './useResults';

interface Props {
  campaigns: CampaignsApi;
  campaign: Campaign;
  segmentName: string | undefined;
  pollMs?: number;
  onChanged: () => void;
}

export function RunPanel({ campaigns, campaign: c, segmentName, pollMs, onChanged }: Props) {
  const { results, error } = useResults(campaigns, c.id, c.status, onChanged, pollMs);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);

  const act = async (action: CampaignAction) => {
    setConfirmCancel(false);
    setBusy(true);
    setActionError(null);
    try {
      await campaigns.act(c.id, action);
      onChanged();
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const t = results?.totals;
  const audience = t?.audience ?? c.audienceSize ?? 0;
  // Everyone not pending any more has been handled: queued, sent (or failed), or suppressed.
  const handled = t ? Math.max(0, t.audience - t.pending) : 0;
  const live = c.status === 'running' || c.status === 'paused' || c.status === 'scheduled';
  return (
    <div className="cmp-run">
      {c.status === 'paused' && (
        <p className="banner error cmp-paused" role="alert">
          Paused{c.pausedReason ? `: ${c.pausedReason}` : '.'} Queued messages still go out; nothing new starts until you resume.
        </p>
      )}
      <section className="tpl-section cmp-progress" aria-labelledby="cmp-progress-title">
        <div className="cmp-launch-head">
          <h2 id="cmp-progress-title">{live ? 'Progress' : 'Sent'}</h2>
          <div className="row-actions">
            {c.status === 'running' && (
              <button type="button" disabled={busy} onClick={() => void act('pause')}>
                <Pause size={14} aria-hidden="true" /> Pause
              </button>
            )}
            {c.status === 'paused' && (
              <button type="button" className="primary" disabled={busy} onClick={() => void act('resume')}>
                <Play size={14} aria-hidden="true" /> Resume
              </button>
            )}
            {live && (
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirmCancel(true)}>
                <Square size={14} aria-hidden="true" /> Cancel campaign
              </button>
            )}
          </div>
        </div>
        {(actionError || error) && (
          <p className="field-issues error" role="alert">
            {actionError ?? error}
          </p>
        )}
        <div
          className="cmp-bar"
          role="progressbar"
          aria-label="Contacts handled"
          aria-valuemin={0}
          aria-valuemax={audience}
          aria-valuenow={handled}
          aria-valuetext={`${count(handled)} of ${count(audience)} contacts (${percent(handled, audience)})`}
        >
          <span style={{ width: audience ? `${Math.min(100, (handled / audience) * 100)}%` : '0%' }} />
        </div>
        <p className="cmp-progress-text" role="status" aria-live="polite">
          {t ? (
            <>
              <strong>{count(handled)}</strong> of {count(audience)} contacts handled ({percent(handled, audience)}): {count(t.sent)} sent,{' '}
              {count(t.queued)} queued, {count(t.suppressed)} suppressed, {count(t.failed)} failed.
            </>
          ) : (
            'Loading…'
          )}
        </p>
        <dl className="cmp-facts cmp-facts-row">
          <dt>Audience</dt>
          <dd>
            {segmentName ?? 'Custom filter'} · {count(audience)}
          </dd>
          {live && results && (
            <>
              <dt>Rate</dt>
              <dd data-rate={results.rate}>{results.rate.toFixed(1)} msg/s</dd>
              <dt>Time left</dt>
              <dd>{results.remainingMs !== undefined ? `about ${duration(results.remainingMs)}` : '—'}</dd>
            </>
          )}
          <dt>Started</dt>
          <dd>{dateTime(c.startedAt)}</dd>
          {c.finishedAt && (
            <>
              <dt>{c.status === 'cancelled' ? 'Cancelled' : 'Finished'}</dt>
              <dd>{dateTime(c.finishedAt)}</dd>
            </>
          )}
        </dl>
      </section>
      {results && <ResultsView results={results} goal={c.goal} />}
      {confirmCancel && (
        <ChoiceDialog
          title={`Cancel “${c.name}”?`}
          choices={[
            { label: 'Keep sending', tone: 'primary', onChoose: () => setConfirmCancel(false) },
            { label: 'Cancel campaign', tone: 'danger', onChoose: () => void act('cancel') },
          ]}
          onCancel={() => setConfirmCancel(false)}
        >
          <p>
            {t ? `${count(t.pending)} contacts have not been messaged yet and will not be.` : 'Contacts not messaged yet will not be.'}{' '}
            Messages already queued still go out. A cancelled campaign cannot be resumed.
          </p>
        </ChoiceDialog>
      )}
    </div>
  );
}
