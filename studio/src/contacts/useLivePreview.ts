/**
 * The segment builder's live count: a debounced preview call per filter change; an answer to an
 * older filter is dropped. An incomplete condition waits (nothing is sent) and a 400 is kept with
 * the condition its path names.
 */
import { useEffect, useRef, useState } from 'react';
import type { CustomFieldDefinition, SegmentFilter } from '@parley/contract';
import { ApiError } from '../api/client';
import type { ContactsApi, SegmentPreviewResponse } from '../api/contacts';
import { cleanFilter, errorTarget, firstIncomplete, type ErrorTarget } from './filter';

export type LivePreview =
  | { state: 'idle' }
  | { state: 'waiting'; index: number; reason: string }
  | { state: 'counting' }
  | { state: 'counted'; result: SegmentPreviewResponse }
  | { state: 'refused'; message: string; target: ErrorTarget | null };

export function useLivePreview(api: ContactsApi, filter: SegmentFilter, fields: CustomFieldDefinition[], debounceMs = 400): LivePreview {
  const [preview, setPreview] = useState<LivePreview>({ state: 'idle' });
  const seq = useRef(0);
  const key = JSON.stringify(filter);
  useEffect(() => {
    const mine = ++seq.current;
    const missing = firstIncomplete(filter, fields);
    if (missing) {
      setPreview({ state: 'waiting', ...missing });
      return;
    }
    setPreview((p) => (p.state === 'counted' ? p : { state: 'counting' }));
    const timer = setTimeout(() => {
      api.preview(cleanFilter(filter), 0).then(
        (result) => mine === seq.current && setPreview({ state: 'counted', result }),
        (e: unknown) => {
          if (mine !== seq.current) return;
          const message = e instanceof Error ? e.message : String(e);
          const target = e instanceof ApiError && e.status === 400 ? errorTarget(e.body, message) : null;
          setPreview({ state: 'refused', message, target });
        },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
    // The filter is compared by content: a re-render with an equal filter does not count again.
  }, [api, key, fields, debounceMs]);
  return preview;
}
