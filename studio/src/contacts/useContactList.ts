/**
 * One page of the contacts list for a search and a source (everyone, a saved segment, or the
 * builder's filter), with the cursors walked so far so Previous goes back. A new search or source
 * starts at the first page; an answer to an older query is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SegmentFilter } from '@parley/contract';
import type { ContactListResponse, ContactsApi } from '../api/contacts';

export interface ListSource {
  segment?: string;
  filter?: SegmentFilter;
}

export interface ContactListState {
  page: ContactListResponse | null;
  error: string | null;
  loading: boolean;
  /** 0-based page number. */
  pageIndex: number;
  next: (() => void) | null;
  previous: (() => void) | null;
  reload: () => void;
}

export function useContactList(api: ContactsApi, q: string, source: ListSource, limit: number, refresh = 0): ContactListState {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<ContactListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const sourceKey = JSON.stringify(source);
  const cursor = cursors[cursors.length - 1];

  // A new query starts over at the first page.
  useEffect(() => setCursors([undefined]), [q, sourceKey]);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    api.list({ q: q.trim() || undefined, ...source, limit, cursor }).then(
      (res) => {
        if (mine !== seq.current) return;
        setPage(res);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    // source is compared by content (sourceKey).
  }, [api, q, sourceKey, limit, cursor, tick, refresh]);

  const nextCursor = page?.nextCursor;
  return {
    page,
    error,
    loading,
    pageIndex: cursors.length - 1,
    next: nextCursor && !loading ? () => setCursors((c) => [...c, nextCursor]) : null,
    previous: cursors.length > 1 && !loading ? () => setCursors((c) => c.slice(0, -1)) : null,
    reload: useCallback(() => setTick((t) => t + 1), []),
  };
}

/** A value that follows `value` after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0) return setSettled(value);
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
