/**
 * One contact (#/contacts/<id>): the details to edit, consent with its ledger, the timeline, and
 * the privacy actions: Export (downloads everything held as JSON) and Erase (asks, then back to
 * the list with what was removed).
 */
import { useCallback, useEffect, useState } from 'react';
import { ArrowLeft, Download, Trash2 } from 'lucide-react';
import type { ContactRecord, CustomFieldDefinition } from '@parley/contract';
import type { ConsentResponse, EraseReport, TimelineEntry } from '@parley/contract/api';
import type { ContactsApi } from '../api/contacts';
import { ConsentPanel } from './ConsentPanel';
import { ContactFieldsForm } from './ContactFieldsForm';
import { ConsentBadge, TagList } from './ContactTable';
import { EraseDialog } from './EraseDialog';
import { ago } from './format';
import { Timeline } from './Timeline';

interface Props {
  api: ContactsApi;
  id: string;
  fields: CustomFieldDefinition[];
  now: number;
  onBack: () => void;
  onErased: (who: string, report: EraseReport) => void;
  /** Saves a file in the browser (tests replace it). */
  download?: (name: string, text: string) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ContactDetail({ api, id, fields, now, onBack, onErased, download = saveFile }: Props) {
  const [contact, setContact] = useState<ContactRecord | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [consent, setConsent] = useState<ConsentResponse | null>(null);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[] | null>(null);
  const [timelineError, setTimelineError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [erasing, setErasing] = useState<'ask' | 'busy' | null>(null);
  const [eraseError, setEraseError] = useState<string | null>(null);

  const loadSide = useCallback(() => {
    api.consent(id).then(
      (c) => (setConsent(c), setConsentError(null)),
      (e: unknown) => setConsentError(message(e)),
    );
    api.timeline(id).then(
      (t) => (setTimeline(t.entries), setTimelineError(null)),
      (e: unknown) => setTimelineError(message(e)),
    );
  }, [api, id]);

  useEffect(() => {
    api.get(id).then(
      (r) => setContact(r.contact),
      (e: unknown) => setLoadError(message(e)),
    );
    loadSide();
  }, [api, id, loadSide]);

  const who = contact ? contact.name || contact.address : '';

  const exportAll = async () => {
    try {
      const data = await api.exportContact(id);
      download(`contact-${id}.json`, JSON.stringify(data, null, 2));
      setNotice({ ok: true, text: `Exported everything held about ${who}.` });
    } catch (e) {
      setNotice({ ok: false, text: `Not exported: ${message(e)}` });
    }
  };

  const erase = async () => {
    setErasing('busy');
    setEraseError(null);
    try {
      onErased(who, await api.erase(id));
    } catch (e) {
      setEraseError(`Not erased: ${message(e)}`);
      setErasing('ask');
    }
  };

  return (
    <div className="contact-detail">
      <div className="contact-head">
        <button type="button" onClick={onBack}>
          <ArrowLeft size={14} aria-hidden="true" /> All contacts
        </button>
        {contact && (
          <>
            <h2>{who}</h2>
            <span className="help">
              {contact.channel} · {contact.address} · last message {ago(contact.lastInboundAt, now).toLowerCase()}
            </span>
            <ConsentBadge status={contact.consent.marketing.status} />
            <TagList tags={contact.tags} />
            <span className="spacer" />
            <button type="button" onClick={() => void exportAll()}>
              <Download size={14} aria-hidden="true" /> Export
            </button>
            <button type="button" className="danger" onClick={() => setErasing('ask')}>
              <Trash2 size={14} aria-hidden="true" /> Erase
            </button>
          </>
        )}
      </div>
      {notice && (
        <p className={`banner ${notice.ok ? 'ok' : 'error'}`} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      {loadError && (
        <p className="field-issues error" role="alert">
          {loadError}
        </p>
      )}
      {contact && (
        <div className="contact-columns">
          <div className="contact-col">
            <ContactFieldsForm
              contact={contact}
              fields={fields}
              onSave={async (patch) => setContact((await api.patch(id, patch)).contact)}
            />
            <Timeline entries={timeline} error={timelineError} now={now} />
          </div>
          <ConsentPanel
            consent={consent}
            error={consentError}
            onRecord={async (body) => {
              const next = await api.recordConsent(id, body);
              setConsent(next);
              setContact((c) => (c ? { ...c, consent: next.state } : c));
              loadSide();
            }}
          />
        </div>
      )}
      {erasing && contact && (
        <EraseDialog
          who={who}
          busy={erasing === 'busy'}
          error={eraseError}
          onConfirm={() => void erase()}
          onCancel={() => setErasing(null)}
        />
      )}
    </div>
  );
}

function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
