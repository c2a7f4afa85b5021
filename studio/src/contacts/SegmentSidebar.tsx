/** The saved segments beside the table: click one to filter the table by it (and edit its conditions). */
import { Trash2 } from 'lucide-react';
import type { SegmentListResponse } from '@parley/contract/api';
import { formatCount } from './format';

type SegmentItem = SegmentListResponse['segments'][number];

interface Props {
  segments: SegmentItem[] | null;
  error: string | null;
  selected: string | null;
  onSelect: (segment: SegmentItem | null) => void;
  onDelete: (segment: SegmentItem) => void;
}

export function SegmentSidebar({ segments, error, selected, onSelect, onDelete }: Props) {
  return (
    <nav className="contacts-sidebar" aria-label="Segments">
      <h2>Segments</h2>
      <ul>
        <li>
          <button type="button" className="seg-item" aria-current={selected === null ? 'true' : undefined} onClick={() => onSelect(null)}>
            All contacts
          </button>
        </li>
        {(segments ?? []).map((s) => (
          <li key={s.id} className="seg-item-row">
            <button
              type="button"
              className="seg-item"
              data-segment={s.id}
              aria-current={selected === s.id ? 'true' : undefined}
              onClick={() => onSelect(s)}
            >
              <span>{s.name}</span>
              {s.count !== undefined && (
                <span className="seg-item-count">
                  <span className="sr-only">, </span>
                  {formatCount(s.count)}
                  <span className="sr-only"> {s.count === 1 ? 'contact' : 'contacts'}</span>
                </span>
              )}
            </button>
            <button
              type="button"
              className="seg-delete"
              aria-label={`Delete segment ${s.name}`}
              title="Delete segment"
              onClick={() => onDelete(s)}
            >
              <Trash2 size={13} aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {segments === null && !error && <p className="help">Loading segments…</p>}
      {segments?.length === 0 && <p className="help">No saved segments yet: build a filter and save it.</p>}
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
    </nav>
  );
}
