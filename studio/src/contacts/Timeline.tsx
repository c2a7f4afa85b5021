/** A contact's timeline, newest first: messages, flows entered, steps, buttons, consent, campaigns. */
import { useId } from 'react';
import type { TimelineEntry } from '@parley/contract/api';
import { ago, exactTime } from './format';

const KIND_LABEL: Record<string, string> = {
  flow_entered: 'Flow',
  node_reached: 'Step',
  button_clicked: 'Button',
  message_received: 'Message',
  consent: 'Consent',
  campaign_sent: 'Campaign',
  converted: 'Conversion',
};

export function Timeline({ entries, error, now }: { entries: TimelineEntry[] | null; error: string | null; now: number }) {
  const id = useId();
  const sorted = entries ? [...entries].sort((a, b) => b.at - a.at) : null;
  return (
    <section className="card contact-timeline" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {!sorted && !error && <p className="help">Loading the timeline…</p>}
      {sorted?.length === 0 && <p className="help">Nothing yet.</p>}
      {sorted && sorted.length > 0 && (
        <ol className="timeline">
          {sorted.map((e, i) => (
            <li key={`${e.at}-${i}`} data-kind={e.kind}>
              <span className="timeline-kind">{KIND_LABEL[e.kind] ?? e.kind.replace(/_/g, ' ')}</span>
              <span className="timeline-summary">{e.summary}</span>
              <time className="help" dateTime={new Date(e.at).toISOString()} title={exactTime(e.at)}>
                {ago(e.at, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
