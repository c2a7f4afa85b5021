/**
 * The Campaigns section (#/campaigns, #/campaigns/<id>): the list, a new draft, or one campaign —
 * its form and launch checklist while it is a draft, its live progress and results after.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { ArrowLeft } from 'lucide-react';
import type { ApiClient } from '../api/client';
import { campaignsApi } from '../api/campaigns';
import { CampaignDetail } from './CampaignDetail';
import { CampaignEditor } from './CampaignEditor';
import { CampaignList } from './CampaignList';
import { newDraft } from './draft';
import { useResources } from './useResources';
import '../templates/templates.css';
import './campaigns.css';

export interface CampaignsPageProps {
  api: ApiClient;
  /** The open record, or null for the list. */
  id: string | null;
  onNavigate: (id: string | null) => void;
  nav: ReactNode;
  onSignOut: () => void;
  /** How often a running campaign's results are polled (tests shorten it). */
  pollMs?: number;
}

export function CampaignsPage({ api, id, onNavigate, nav, onSignOut, pollMs }: CampaignsPageProps) {
  const campaigns = useMemo(() => campaignsApi(api), [api]);
  const resources = useResources(api, campaigns);
  const [creating, setCreating] = useState(false);
  const [takenIds, setTakenIds] = useState<string[]>([]);
  const back = () => {
    setCreating(false);
    onNavigate(null);
  };

  let body: ReactNode;
  if (id) {
    body = <CampaignDetail key={id} api={api} campaigns={campaigns} id={id} resources={resources} pollMs={pollMs} />;
  } else if (creating) {
    body = (
      <CampaignEditor
        api={api}
        initial={newDraft()}
        isNew
        takenIds={takenIds}
        resources={resources}
        onSave={async (draftBody) => {
          const { campaign } = await campaigns.create(draftBody);
          setCreating(false);
          onNavigate(campaign.id);
          return campaign;
        }}
      />
    );
  } else {
    body = (
      <CampaignList
        campaigns={campaigns}
        segments={resources.segments}
        onOpen={(c) => onNavigate(c)}
        onCreate={(ids) => {
          setTakenIds(ids);
          setCreating(true);
        }}
      />
    );
  }
  return (
    <main className="flow-list cmp-page">
      <header className="toolbar">
        <h1>Parley Studio</h1>
        {nav}
        {(id || creating) && (
          <button type="button" onClick={back}>
            <ArrowLeft size={14} aria-hidden="true" /> All campaigns
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {resources.errors.length > 0 && (
        <div className="banner error cmp-resource-errors" role="alert">
          {resources.errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {body}
    </main>
  );
}
