/**
 * One campaign: while it is a draft, the form beside its launch checklist; once launched, its
 * live progress (with pause / resume / cancel) and its results.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Campaign } from '@parley/contract';
import { ApiError, type ApiClient } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';
import { CampaignEditor } from './CampaignEditor';
import { draftFromCampaign } from './draft';
import { LaunchPanel } from './LaunchPanel';
import { RunPanel } from './RunPanel';
import { CampaignStatusBadge } from './StatusBadge';
import type { Resources } from './useResources';

interface Props {
  api: ApiClient;
  campaigns: CampaignsApi;
  id: string;
  resources: Resources;
  pollMs?: number;
}

export function CampaignDetail({ api, campaigns, id, resources, pollMs }: Props) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [checkGeneration, setCheckGeneration] = useState(0);
  const [numberRate, setNumberRate] = useState<number | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      setCampaign((await campaigns.get(id)).campaign);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not load the campaign.');
    }
  }, [campaigns, id]);
  useEffect(() => void reload(), [reload]);

  if (!campaign)
    return (
      <div className="flow-list-body">
        {error ? (
          <p className="field-issues error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status">Loading the campaign…</p>
        )}
      </div>
    );
  const segmentName = resources.segments?.find((s) => s.id === campaign.segment)?.name ?? campaign.segment;
  return (
    <div className="cmp-detail">
      <header className="cmp-detail-head">
        <h2>{campaign.name}</h2>
        <CampaignStatusBadge status={campaign.status} />
        <span className="flow-id">{campaign.id}</span>
      </header>
      {campaign.status === 'draft' ? (
        <div className="cmp-draft-grid">
          <CampaignEditor
            api={api}
            initial={draftFromCampaign(campaign)}
            isNew={false}
            resources={resources}
            numberRate={numberRate}
            onDirtyChange={setDirty}
            onSave={async (body) => {
              const saved = (await campaigns.update(campaign.id, body)).campaign;
              setCampaign(saved);
              setCheckGeneration((g) => g + 1);
              return saved;
            }}
          />
          <LaunchPanel
            key={checkGeneration}
            campaigns={campaigns}
            campaign={campaign}
            segmentName={segmentName}
            unsaved={dirty}
            onRate={setNumberRate}
            onLaunched={(c) => setCampaign(c)}
            onChanged={() => void reload()}
          />
        </div>
      ) : (
        <RunPanel campaigns={campaigns} campaign={campaign} segmentName={segmentName} pollMs={pollMs} onChanged={() => void reload()} />
      )}
    </div>
  );
}
