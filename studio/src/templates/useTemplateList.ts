/**
 * The template list with its status kept live: loaded once, then Meta's status changes arrive on
 * the SSE stream (GET /api/templates/events) and are applied in place. When the stream cannot be
 * opened or drops, the list is polled instead, so the badges still turn without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TemplateSummary } from '@parley/contract/api';
import { ApiError } from '../api/client';
import type { TemplatesApi } from '../api/templates';
import { applyEvent } from './status';

export type LiveMode = 'connecting' | 'stream' | 'polling';

export interface TemplateListState {
  tenant: string | null;
  templates: TemplateSummary[] | null;
  error: string | null;
  live: LiveMode;
  reload: () => Promise<void>;
}

const POLL_MS = 5000;

export function useTemplateList(api: TemplatesApi, pollMs = POLL_MS): TemplateListState {
  const [tenant, setTenant] = useState<string | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveMode>('connecting');
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    try {
      const res = await api.list();
      if (!mounted.current) return;
      setTenant(res.tenant);
      setTemplates(res.templates);
      setError(null);
    } catch (e) {
      if (mounted.current) setError(e instanceof ApiError ? e.message : 'Could not load the templates.');
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    void reload();
    let timer: ReturnType<typeof setInterval> | undefined;
    const stream = api.events(undefined, {
      onOpen: () => mounted.current && setLive('stream'),
      onEvent: (event) => setTemplates((list) => (list ? applyEvent(list, event) : list)),
      onEnd: () => {
        // The stream is gone (or never came): poll; a reload also catches what it missed.
        if (!mounted.current || timer) return;
        setLive('polling');
        void reload();
        timer = setInterval(() => void reload(), pollMs);
      },
    });
    return () => {
      mounted.current = false;
      stream.close();
      if (timer) clearInterval(timer);
    };
  }, [api, reload, pollMs]);

  return { tenant, templates, error, live, reload };
}
