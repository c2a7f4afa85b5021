/**
 * A contact's consent: the current state per purpose, the ledger it comes from (every event with
 * when, what, where from, the wording and who recorded it), and a form to record an opt-in or an
 * opt-out on the person's behalf (an opt-in needs the words they agreed to).
 */
import { useId, useState } from 'react';
import type { ConsentEvent, ConsentPurpose } from '@parley/contract';
import type { ConsentRecordBody, ConsentResponse } from '@parley/contract/api';
import { ConsentBadge } from './ContactTable';
import { exactTime } from './format';

interface Props {
  consent: ConsentResponse | null;
  error: string | null;
  onRecord: (body: ConsentRecordBody) => Promise<void>;
}

const PURPOSE_LABEL: Record<ConsentPurpose, string> = { marketing: 'Marketing', utility: 'Utility' };
const SOURCE_LABEL: Record<ConsentEvent['source'], string> = {
  import: 'Import',
  flow: 'Flow',
  keyword: 'Keyword',
  button: 'Button',
  meta: 'WhatsApp setting',
  agent: 'Agent',
  api: 'API',
};

/** "file contacts.csv, row 12": the source's particulars in words. */
function sourceDetail(e: ConsentEvent): string {
  return Object.entries(e.sourceDetail)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function ConsentPanel({ consent, error, onRecord }: Props) {
  const id = useId();
  return (
    <section className="card contact-consent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Consent</h2>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {consent && (
        <>
          <dl className="consent-states">
            {(['marketing', 'utility'] as const).map((p) => (
              <div key={p} data-purpose={p}>
                <dt>{PURPOSE_LABEL[p]}</dt>
                <dd>
                  <ConsentBadge status={consent.state[p].status} />
                  {consent.state[p].at !== undefined && <span className="help"> since {exactTime(consent.state[p].at!)}</span>}
                </dd>
              </div>
            ))}
          </dl>
          <Ledger events={consent.events} />
        </>
      )}
      {!consent && !error && <p className="help">Loading consent…</p>}
      <RecordConsent onRecord={onRecord} />
    </section>
  );
}

function Ledger({ events }: { events: ConsentEvent[] }) {
  if (events.length === 0) return <p className="help">No consent recorded yet: marketing messages will not be sent to this person.</p>;
  const newestFirst = [...events].sort((a, b) => b.at - a.at || b.id - a.id);
  return (
    <table className="consent-ledger">
      <caption>Consent ledger (newest first)</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Purpose</th>
          <th scope="col">Action</th>
          <th scope="col">Source</th>
          <th scope="col">Wording</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((e) => (
          <tr key={e.id} data-event={e.id}>
            <td>{exactTime(e.at)}</td>
            <td>{PURPOSE_LABEL[e.purpose]}</td>
            <td className={e.action === 'opt_in' ? 'ok' : 'consent-out'}>{e.action === 'opt_in' ? 'Opted in' : 'Opted out'}</td>
            <td>
              {SOURCE_LABEL[e.source]}
              {Object.keys(e.sourceDetail).length > 0 && <span className="help"> ({sourceDetail(e)})</span>}
            </td>
            <td>{e.wording ? <q>{e.wording}</q> : <span className="help">—</span>}</td>
            <td>{e.recordedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecordConsent({ onRecord }: Pick<Props, 'onRecord'>) {
  const id = useId();
  const [purpose, setPurpose] = useState<ConsentPurpose>('marketing');
  const [action, setAction] = useState<'opt_in' | 'opt_out'>('opt_in');
  const [wording, setWording] = useState('');
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const missingWording = action === 'opt_in' && !wording.trim();

  const record = async () => {
    setTried(true);
    if (missingWording) return;
    setBusy(true);
    try {
      await onRecord({ purpose, action, source: 'agent', ...(wording.trim() ? { wording: wording.trim() } : {}) });
      setState({
        ok: true,
        text: `Recorded ${action === 'opt_in' ? 'an opt-in' : 'an opt-out'} for ${PURPOSE_LABEL[purpose].toLowerCase()}.`,
      });
      setWording('');
      setTried(false);
    } catch (e) {
      setState({ ok: false, text: `Not recorded: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="consent-record"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <h3 id={`${id}-title`}>Record consent</h3>
      <div className="consent-record-row">
        <div className="field">
          <label htmlFor={`${id}-purpose`}>Purpose</label>
          <select id={`${id}-purpose`} value={purpose} onChange={(e) => setPurpose(e.target.value as ConsentPurpose)}>
            <option value="marketing">Marketing</option>
            <option value="utility">Utility</option>
          </select>
        </div>
        <fieldset className="consent-action">
          <legend>Action</legend>
          <label>
            <input type="radio" name={`${id}-action`} checked={action === 'opt_in'} onChange={() => setAction('opt_in')} /> Opt in
          </label>
          <label>
            <input type="radio" name={`${id}-action`} checked={action === 'opt_out'} onChange={() => setAction('opt_out')} /> Opt out
          </label>
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor={`${id}-wording`}>{action === 'opt_in' ? 'Wording they agreed to (required)' : 'Wording (optional)'}</label>
        <textarea
          id={`${id}-wording`}
          rows={2}
          value={wording}
          aria-invalid={tried && missingWording ? true : undefined}
          aria-describedby={tried && missingWording ? `${id}-wording-error` : undefined}
          onChange={(e) => setWording(e.target.value)}
        />
        {tried && missingWording && (
          <p id={`${id}-wording-error`} className="field-issues error" role="alert">
            An opt-in needs the words the person agreed to.
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="submit" className="primary" disabled={busy}>
          {action === 'opt_in' ? 'Record opt-in' : 'Record opt-out'}
        </button>
        {state && (
          <span className={state.ok ? 'ok' : 'field-issues error'} role={state.ok ? 'status' : 'alert'}>
            {state.text}
          </span>
        )}
      </div>
    </form>
  );
}
