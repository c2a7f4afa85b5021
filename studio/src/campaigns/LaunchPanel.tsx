/**
 * The launch checklist (GET /api/campaigns/:id/checklist): every check ok / warning / error with
 * its message, the audience and how many can receive marketing, the estimated duration at the
 * campaign's rate. Launch stays disabled while an error remains or changes are unsaved, and asks
 * for confirmation with the audience size.
 */
import { useCallback, useEffect, useState } from 'react';
import { AlertTriangle, CheckCircle2, RefreshCw, Rocket, XCircle } from 'lucide-react';
import type { Campaign } from '@parley/contract';
import type { ChecklistItem, ChecklistResponse } from '@parley/contract/api';
import { ApiError } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';
import { ChoiceDialog } from '../ui/ChoiceDialog';
import { count, duration } from './format';

interface Props {
  campaigns: CampaignsApi;
  campaign: Campaign;
  segmentName: string | undefined;
  /** The form has changes not saved yet: the checklist is about the saved draft. */
  unsaved: boolean;
  /** The number's full rate (msg/s), derived from the checklist, for the form's slider. */
  onRate: (perSecond: number) => void;
  onLaunched: (campaign: Campaign) => void;
  onChanged: () => void;
}

const LEVEL_TEXT: Record<ChecklistItem['level'], string> = { ok: 'OK', warning: 'Warning', error: 'Must fix' };

export function LaunchPanel({ campaigns, campaign, segmentName, unsaved, onRate, onLaunched, onChanged }: Props) {
  const [checklist, setChecklist] = useState<ChecklistResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [launching, setLaunching] = useState(false);

  const check = useCallback(async () => {
    setError(null);
    try {
      const list = await campaigns.checklist(campaign.id);
      setChecklist(list);
      // The checklist's rate is the campaign's share of the number's: the number's is rate ÷ share.
      if (list.ratePerSecond > 0 && campaign.rateShare > 0) onRate(list.ratePerSecond / campaign.rateShare);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not check the campaign.');
    }
  }, [campaigns, campaign.id, campaign.rateShare, onRate]);
  useEffect(() => void check(), [check]);

  const errors = checklist?.items.filter((i) => i.level === 'error').length ?? 0;
  const blocked = !checklist || errors > 0 || !checklist.canLaunch || unsaved || launching;
  const why = !checklist
    ? 'Checking…'
    : unsaved
      ? 'Save your changes first: the checklist is about the saved draft.'
      : errors > 0
        ? `Fix ${errors === 1 ? 'the error' : `the ${errors} errors`} above first.`
        : !checklist.canLaunch
          ? 'The runtime will not launch this campaign yet.'
          : null;

  const launch = async () => {
    setConfirming(false);
    setLaunching(true);
    try {
      const res = await campaigns.act(campaign.id, 'launch');
      if (res?.campaign) onLaunched(res.campaign);
      onChanged();
    } catch (e) {
      setError(`Not launched: ${e instanceof ApiError ? e.message : String(e)}`);
      void check();
    } finally {
      setLaunching(false);
    }
  };

  return (
    <aside className="tpl-section cmp-launch" aria-labelledby="cmp-launch-title">
      <div className="cmp-launch-head">
        <h2 id="cmp-launch-title">Launch checklist</h2>
        <button type="button" onClick={() => void check()}>
          <RefreshCw size={14} aria-hidden="true" /> Check again
        </button>
      </div>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {checklist === null ? (
        !error && <p role="status">Checking…</p>
      ) : (
        <>
          <ul className="cmp-checklist" aria-label="Checks">
            {checklist.items.map((item, n) => (
              <li key={`${item.check}-${n}`} className={`cmp-check level-${item.level}`} data-check={item.check} data-level={item.level}>
                <LevelIcon level={item.level} />
                <span className="sr-only">{LEVEL_TEXT[item.level]}: </span>
                <span className="cmp-check-text">{item.message}</span>
              </li>
            ))}
          </ul>
          <dl className="cmp-facts">
            <dt>Audience now</dt>
            <dd>{count(checklist.audience)} contacts</dd>
            <dt>Can receive marketing</dt>
            <dd>{count(checklist.consented)}</dd>
            <dt>Rate</dt>
            <dd>{Math.round(checklist.ratePerSecond * 10) / 10} msg/s</dd>
            <dt>Estimated duration</dt>
            <dd>{duration(checklist.estimatedDurationMs)}</dd>
          </dl>
        </>
      )}
      <button
        type="button"
        className="primary cmp-launch-button"
        disabled={blocked}
        aria-describedby={why ? 'cmp-launch-why' : undefined}
        onClick={() => setConfirming(true)}
      >
        <Rocket size={14} aria-hidden="true" /> {launching ? 'Launching…' : 'Launch'}
      </button>
      {why && (
        <p id="cmp-launch-why" className="help">
          {why}
        </p>
      )}
      {confirming && checklist && (
        <ChoiceDialog
          title={`Launch “${campaign.name}”?`}
          choices={[
            { label: `Launch to ${count(checklist.consented)} contacts`, tone: 'primary', onChoose: () => void launch() },
            { label: 'Not yet', onChoose: () => setConfirming(false) },
          ]}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The audience of <strong>{segmentName ?? 'the filter'}</strong> is frozen now: <strong>{count(checklist.audience)}</strong>{' '}
            contacts, of whom <strong>{count(checklist.consented)}</strong> can receive marketing; the others are skipped and counted as
            suppressed.
          </p>
          <p>
            {campaign.schedule.type === 'now' ? 'Sending starts at once' : 'Sending starts on schedule'} and takes about{' '}
            {duration(checklist.estimatedDurationMs)}. You can pause or cancel it at any time.
          </p>
        </ChoiceDialog>
      )}
    </aside>
  );
}

function LevelIcon({ level }: { level: ChecklistItem['level'] }) {
  if (level === 'ok') return <CheckCircle2 size={16} aria-hidden="true" className="cmp-icon-ok" />;
  if (level === 'warning') return <AlertTriangle size={16} aria-hidden="true" className="cmp-icon-warn" />;
  return <XCircle size={16} aria-hidden="true" className="cmp-icon-error" />;
}
