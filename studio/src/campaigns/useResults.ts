/**
 * A campaign's results, polled every `pollMs` while it can still change (scheduled, running,
 * paused: queued messages still go out and statuses still arrive) and once after it ended.
 * `onStatus` fires when the results report a status the page does not show yet (auto-pause,
 * completion), so the page reloads the campaign for its reason and times.
 */
import { useEffect, useRef, useState } from 'react';
import type { CampaignStatus } from '@parley/contract';
import type { CampaignResultsResponse } from '@parley/contract/api';
import { ApiError } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';

const LIVE: CampaignStatus[] = ['scheduled', 'running', 'paused'];
const POLL_MS = 2000;

export function useResults(api: CampaignsApi, id: string, status: CampaignStatus, onStatus: (s: CampaignStatus) => void, pollMs = POLL_MS) {
  const [results, setResults] = useState<CampaignResultsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notify = useRef(onStatus);
  notify.current = onStatus;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api.results(id);
        if (!live) return;
        setResults(r);
        setError(null);
        if (r.status !== status) notify.current(r.status);
      } catch (e) {
        if (live) setError(e instanceof ApiError ? e.message : 'Could not load the results.');
      }
      // Chained timeouts, not an interval: a slow answer never stacks requests.
      if (live && LIVE.includes(status)) timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, id, status, pollMs]);

  return { results, error };
}
