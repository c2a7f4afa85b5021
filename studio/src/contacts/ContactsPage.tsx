/**
 * The Contacts section (#/contacts, #/contacts/<id>): the list with segments, the filter builder
 * and the import wizard, or one contact. The tenant's custom field definitions are loaded once
 * for both. A notice (an erase) outlives the move back to the list.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CustomFieldDefinition } from '@parley/contract';
import type { ApiClient } from '../api/client';
import { contactsApi } from '../api/contacts';
import { ContactDetail } from './ContactDetail';
import { ContactsList } from './ContactsList';
import { plural } from './format';
import '../templates/templates.css';
import './contacts.css';

export interface ContactsPageProps {
  api: ApiClient;
  /** The open record, or null for the list. */
  id: string | null;
  onNavigate: (id: string | null) => void;
  nav: ReactNode;
  onSignOut: () => void;
  /** Tests: the clock for "3 days ago", the debounce, the page size, how often an import is polled. */
  now?: () => number;
  debounceMs?: number;
  pageSize?: number;
  pollMs?: number;
}

export function ContactsPage({
  api,
  id,
  onNavigate,
  nav,
  onSignOut,
  now = Date.now,
  debounceMs = 300,
  pageSize = 50,
  pollMs = 700,
}: ContactsPageProps) {
  const contacts = useMemo(() => contactsApi(api), [api]);
  const [fields, setFields] = useState<CustomFieldDefinition[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // The list stays mounted under an open contact (search, segment and page are kept); it reloads on the way back.
  const [listVersion, setListVersion] = useState(0);
  const shown = useRef(id);
  useEffect(() => {
    if (shown.current !== null && id === null) setListVersion((v) => v + 1);
    shown.current = id;
  }, [id]);
  const back = () => onNavigate(null);
  useEffect(() => {
    // Without definitions custom fields are still shown as text; the list's own error says when the server is away.
    contacts.fields().then(
      (r) => setFields(r.fields),
      () => setFields([]),
    );
  }, [contacts]);
  const at = now();

  return (
    <main className="flow-list tpl-page contacts-page">
      <header className="toolbar">
        <h1>Parley Studio</h1>
        {nav}
        <span className="spacer" />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {notice && (
        <p className="banner ok contacts-notice" role="status">
          {notice}{' '}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {id && (
        <ContactDetail
          key={id}
          api={contacts}
          id={id}
          fields={fields}
          now={at}
          onBack={back}
          onErased={(who, report) => {
            const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
            setNotice(
              `Erased ${who}: ${plural(rows, 'record')} and ${plural(report.keys, 'conversation key')} removed${report.suppressed ? '; the number is suppressed so an old import cannot bring it back' : ''}.`,
            );
            back();
          }}
        />
      )}
      <div hidden={id !== null}>
        <ContactsList
          api={contacts}
          fields={fields}
          onOpen={(cid) => {
            setNotice(null);
            onNavigate(cid);
          }}
          now={at}
          debounceMs={debounceMs}
          pageSize={pageSize}
          pollMs={pollMs}
          refresh={listVersion}
        />
      </div>
    </main>
  );
}
