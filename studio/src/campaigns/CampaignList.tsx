/**
 * The campaigns at a glance: name, status, audience, sent / delivered / read / converted (from
 * each launched campaign's results) and when it started; "New campaign" opens an empty draft.
 */
import { useEffect, useState } from 'react';
import { Plus } from 'lucide-react';
import type { Campaign } from '@parley/contract';
import type { CampaignResultsResponse } from '@parley/contract/api';
import { ApiError } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';
import { count, dateTime, percent } from './format';
import { CampaignStatusBadge } from './StatusBadge';
import type { SegmentRow } from './useResources';

interface Props {
  campaigns: CampaignsApi;
  segments: SegmentRow[] | null;
  onOpen: (id: string) => void;
  /** Gets the ids in use, so the new draft can refuse a taken one. */
  onCreate: (takenIds: string[]) => void;
}

export function CampaignList({ campaigns: api, segments, onOpen, onCreate }: Props) {
  const [list, setList] = useState<Campaign[] | null>(null);
  const [results, setResults] = useState<Record<string, CampaignResultsResponse>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.list().then(
      ({ campaigns }) => {
        if (!live) return;
        setList([...campaigns].sort((a, b) => b.createdAt - a.createdAt));
        // Drafts have no results; the others' counts fill in as they come.
        for (const c of campaigns)
          if (c.status !== 'draft')
            api.results(c.id).then(
              (r) => live && setResults((all) => ({ ...all, [c.id]: r })),
              () => {}, // the row keeps its dashes; the campaign page says what failed
            );
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : 'Could not load the campaigns.'),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const segmentName = (id: string | undefined) => (id ? (segments?.find((s) => s.id === id)?.name ?? id) : 'Custom filter');
  return (
    <div className="flow-list-body cmp-list-body">
      <div className="flow-list-head">
        <h2 id="cmp-list-title">Campaigns</h2>
        <button type="button" className="primary" onClick={() => onCreate((list ?? []).map((c) => c.id))}>
          <Plus size={14} aria-hidden="true" /> New campaign
        </button>
      </div>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {list === null ? (
        !error && <p role="status">Loading campaigns…</p>
      ) : list.length === 0 ? (
        <section className="empty-state" role="note">
          <h2>No campaigns yet.</h2>
          <p>
            A campaign sends a template or starts a flow for every contact of a segment who agreed to hear from you, at a pace that keeps
            replies to customers first. Start one with “New campaign”.
          </p>
        </section>
      ) : (
        <table className="tpl-table cmp-table" aria-labelledby="cmp-list-title">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Status</th>
              <th scope="col">Audience</th>
              <th scope="col" className="num">
                Sent
              </th>
              <th scope="col" className="num">
                Delivered
              </th>
              <th scope="col" className="num">
                Read
              </th>
              <th scope="col" className="num">
                Converted
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => {
              const t = results[c.id]?.totals;
              return (
                <tr key={c.id} data-campaign={c.id}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(c.id)}>
                      {c.name}
                    </button>
                    <div className="flow-id">{c.id}</div>
                  </td>
                  <td>
                    <CampaignStatusBadge status={c.status} />
                  </td>
                  <td>
                    {segmentName(c.segment)}
                    {c.audienceSize !== undefined && <div className="help">{count(c.audienceSize)} contacts</div>}
                  </td>
                  <td className="num">{t ? count(t.sent) : '—'}</td>
                  <td className="num">{t ? <Cell n={t.delivered} of={t.sent} /> : '—'}</td>
                  <td className="num">{t ? <Cell n={t.read} of={t.sent} /> : '—'}</td>
                  <td className="num">{t ? <Cell n={t.converted} of={t.sent} /> : '—'}</td>
                  <td>{c.startedAt ? dateTime(c.startedAt) : <span className="help">Not started</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Cell({ n, of }: { n: number; of: number }) {
  return (
    <>
      {count(n)} <span className="help">{percent(n, of)}</span>
    </>
  );
}
