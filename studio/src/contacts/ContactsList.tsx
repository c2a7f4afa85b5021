/**
 * The contacts list: saved segments on the side, a filter builder with a live count, a debounced
 * search, the table with its total and cursor paging, and the import wizard.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { ChevronLeft, ChevronRight, Filter, Search, Upload } from 'lucide-react';
import type { CustomFieldDefinition, SegmentFilter } from '@parley/contract';
import type { SegmentListResponse } from '@parley/contract/api';
import type { ContactsApi } from '../api/contacts';
import { ContactTable } from './ContactTable';
import { emptyFilter, firstIncomplete, cleanFilter } from './filter';
import { formatCount, plural } from './format';
import { ImportWizard } from './ImportWizard';
import { SegmentBuilder } from './SegmentBuilder';
import { SegmentSidebar } from './SegmentSidebar';
import { useContactList, useDebounced, type ListSource } from './useContactList';

type SegmentItem = SegmentListResponse['segments'][number];

interface Props {
  api: ContactsApi;
  fields: CustomFieldDefinition[];
  onOpen: (id: string) => void;
  now: number;
  debounceMs: number;
  pageSize: number;
  pollMs: number;
  /** Changes when the list must be asked again (back from a contact that may have changed or gone). */
  refresh: number;
}

export function ContactsList({ api, fields, onOpen, now, debounceMs, pageSize, pollMs, refresh }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const q = useDebounced(query, debounceMs);
  const [segments, setSegments] = useState<SegmentItem[] | null>(null);
  const [segmentsError, setSegmentsError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SegmentItem | null>(null);
  const [filter, setFilter] = useState<SegmentFilter>(emptyFilter);
  const [showBuilder, setShowBuilder] = useState(false);
  const [importing, setImporting] = useState(false);
  // A new builder per pick in the sidebar (its name field starts from the segment); saving keeps the one open.
  const [builderKey, setBuilderKey] = useState(0);

  const loadSegments = useMemo(
    () => () =>
      api.segments().then(
        (r) => (setSegments(r.segments), setSegmentsError(null)),
        (e: unknown) => setSegmentsError(`Segments: ${e instanceof Error ? e.message : String(e)}`),
      ),
    [api],
  );
  useEffect(() => void loadSegments(), [loadSegments]);
  // Back from a contact (maybe edited or erased): the segment counts and the live count are asked again.
  useEffect(() => {
    if (refresh === 0) return;
    void loadSegments();
    setBuilderKey((k) => k + 1);
  }, [refresh, loadSegments]);

  // The table follows the builder once its conditions are complete; a saved segment left as it was is asked for by id.
  const filterKey = useDebounced(JSON.stringify(filter), debounceMs);
  const source = useMemo<ListSource>(() => {
    const f = JSON.parse(filterKey) as SegmentFilter;
    if (selected && JSON.stringify(selected.filter) === JSON.stringify(cleanFilter(f))) return { segment: selected.id };
    if (f.conditions.length === 0 || firstIncomplete(f, fields)) return selected ? { segment: selected.id } : {};
    return { filter: cleanFilter(f) };
  }, [filterKey, selected, fields]);
  const list = useContactList(api, q, source, pageSize, refresh);

  const select = (s: SegmentItem | null) => {
    setSelected(s);
    setFilter(s ? structuredClone(s.filter) : emptyFilter());
    setShowBuilder(s !== null);
    setBuilderKey((k) => k + 1);
  };

  const first = list.pageIndex * pageSize;
  const shown = list.page?.contacts.length ?? 0;
  return (
    <div className="contacts-layout">
      <SegmentSidebar
        segments={segments}
        error={segmentsError}
        selected={selected?.id ?? null}
        onSelect={select}
        onDelete={(s) => {
          if (!window.confirm(`Delete the segment “${s.name}”? Contacts are not deleted.`)) return;
          api.deleteSegment(s.id).then(
            () => {
              if (selected?.id === s.id) select(null);
              void loadSegments();
            },
            (e: unknown) => setSegmentsError(`Not deleted: ${e instanceof Error ? e.message : String(e)}`),
          );
        }}
      />
      <div className="contacts-main">
        <div className="flow-list-head">
          <h2 id={`${id}-caption`}>{selected ? selected.name : 'All contacts'}</h2>
          <div className="contacts-actions">
            <button type="button" aria-expanded={showBuilder} aria-controls={`${id}-builder`} onClick={() => setShowBuilder((v) => !v)}>
              <Filter size={14} aria-hidden="true" /> {showBuilder ? 'Hide filter' : 'Filter'}
            </button>
            <button type="button" className="primary" onClick={() => setImporting(true)}>
              <Upload size={14} aria-hidden="true" /> Import contacts
            </button>
          </div>
        </div>
        <div id={`${id}-builder`} hidden={!showBuilder}>
          {showBuilder && (
            <SegmentBuilder
              key={builderKey}
              api={api}
              fields={fields}
              filter={filter}
              onChange={setFilter}
              segment={selected}
              debounceMs={debounceMs}
              onSaved={(s) => {
                void loadSegments();
                setSelected({ ...s });
              }}
            />
          )}
        </div>
        <div className="contacts-search-row">
          <div className="flow-search" role="search">
            <Search size={14} aria-hidden="true" />
            <label htmlFor={`${id}-q`} className="sr-only">
              Search contacts
            </label>
            <input
              id={`${id}-q`}
              type="search"
              placeholder="Search name, number or tag"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <span className="contacts-total" role="status">
            {list.page ? plural(list.page.total, 'contact') : list.error ? '' : 'Loading…'}
          </span>
        </div>
        {list.error && (
          <p className="field-issues error" role="alert">
            {list.error}
          </p>
        )}
        {list.page && list.page.contacts.length === 0 && !list.loading && (
          <section className="empty-state" role="note">
            {q.trim() || source.filter || source.segment ? (
              <p>No contact matches.</p>
            ) : (
              <>
                <h3>No contacts yet.</h3>
                <p>Contacts appear when people message you, or import a CSV file of the ones who agreed to hear from you.</p>
              </>
            )}
          </section>
        )}
        {list.page && list.page.contacts.length > 0 && (
          <ContactTable contacts={list.page.contacts} now={now} onOpen={onOpen} caption={selected ? selected.name : 'All contacts'} />
        )}
        {list.page && (list.next || list.previous) && (
          <nav className="contacts-paging" aria-label="Pages">
            <button type="button" onClick={list.previous ?? undefined} disabled={!list.previous}>
              <ChevronLeft size={14} aria-hidden="true" /> Previous
            </button>
            <span>
              {formatCount(first + 1)}–{formatCount(first + shown)} of {formatCount(list.page.total)}
            </span>
            <button type="button" onClick={list.next ?? undefined} disabled={!list.next}>
              Next <ChevronRight size={14} aria-hidden="true" />
            </button>
          </nav>
        )}
      </div>
      {importing && (
        <ImportWizard
          api={api}
          fields={fields}
          pollMs={pollMs}
          onClose={(imported) => {
            setImporting(false);
            if (imported) list.reload();
          }}
        />
      )}
    </div>
  );
}
