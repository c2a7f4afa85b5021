/** The Campaigns section (#/campaigns, #/campaigns/<id>). */
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client';

export interface CampaignsPageProps {
  api: ApiClient;
  /** The open record, or null for the list. */
  id: string | null;
  onNavigate: (id: string | null) => void;
  nav: ReactNode;
  onSignOut: () => void;
}

export function CampaignsPage({ nav, onSignOut }: CampaignsPageProps) {
  return (
    <main className="campaigns-page">
      <header>
        {nav}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <p>Campaigns are coming.</p>
    </main>
  );
}
