/** The contacts of one page of the list: name, address, language, tags, marketing consent, last message. */
import type { ContactRecord } from '@parley/contract';
import { ago, CONSENT_LABEL, exactTime } from './format';

interface Props {
  contacts: ContactRecord[];
  now: number;
  onOpen: (id: string) => void;
  caption: string;
}

export function ContactTable({ contacts, now, onOpen, caption }: Props) {
  return (
    <table className="contacts-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Address</th>
          <th scope="col">Language</th>
          <th scope="col">Tags</th>
          <th scope="col">Marketing</th>
          <th scope="col">Last message</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.id} data-contact={c.id}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(c.id)}>
                {c.name || 'No name'}
              </button>
            </td>
            <td className="contact-address">
              {c.address}
              {c.channel !== 'whatsapp' && <span className="help"> · {c.channel}</span>}
            </td>
            <td>{c.language ?? '—'}</td>
            <td>
              <TagList tags={c.tags} />
            </td>
            <td>
              <ConsentBadge status={c.consent.marketing.status} />
            </td>
            <td title={c.lastInboundAt ? exactTime(c.lastInboundAt) : undefined}>{ago(c.lastInboundAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className="help">—</span>;
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}

/** Text says the state; colour only repeats it. */
export function ConsentBadge({ status }: { status: keyof typeof CONSENT_LABEL }) {
  return (
    <span className={`consent-badge consent-${status}`} data-status={status}>
      {CONSENT_LABEL[status]}
    </span>
  );
}
