/** The Contacts section (#/contacts, #/contacts/<id>). */
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client';

export interface ContactsPageProps {
  api: ApiClient;
  /** The open record, or null for the list. */
  id: string | null;
  onNavigate: (id: string | null) => void;
  nav: ReactNode;
  onSignOut: () => void;
}

export function ContactsPage({ nav, onSignOut }: ContactsPageProps) {
  return (
    <main className="contacts-page">
      <header>
        {nav}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <p>Contacts are coming.</p>
    </main>
  );
}
