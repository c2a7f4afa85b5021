/**
 * Loads the template catalogue for the editor: the list (statuses per language), then each
 * template's file for previews and quick replies. Statuses follow Meta live: a change on the
 * status stream reloads the list. Anything but a list with templates turns the catalogue `off`
 * (no templates directory, or a runtime without the templates API), so flows without templates
 * are edited and validated exactly as before.
 */
import { useEffect, useState } from 'react';
import { validateTemplate } from '@parley/templates';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { templatesApi } from '../api/templates';
import type { CatalogEntry, TemplateCatalog } from './templateCatalog';

export function useTemplateCatalogLoader(api: ApiClient): TemplateCatalog {
  const [catalog, setCatalog] = useState<TemplateCatalog>({ state: 'loading' });
  useEffect(() => {
    const client = templatesApi(api);
    let cancelled = false;
    let files = new Map<string, CatalogEntry['file']>();

    const load = async () => {
      let list;
      try {
        list = await client.list();
      } catch (e) {
        if (!cancelled) setCatalog({ state: 'off', reason: e instanceof ApiError ? e.message : 'The template list could not be loaded.' });
        return;
      }
      if (cancelled) return;
      if (!list.templates.length) {
        setCatalog({ state: 'off', reason: 'The server has no templates.' });
        return;
      }
      const withFiles = () =>
        list.templates.map((summary) => ({ summary, ...(files.get(summary.name) ? { file: files.get(summary.name)! } : {}) }));
      setCatalog({ state: 'ready', entries: withFiles() });
      const missing = list.templates.filter((t) => !files.has(t.name));
      if (!missing.length) return;
      const loaded = await Promise.allSettled(missing.map((t) => client.get(t.name)));
      if (cancelled) return;
      files = new Map(files);
      loaded.forEach((r, i) => {
        const name = missing[i]!.name;
        // An invalid file has no preview (the Templates page shows its errors); a failed fetch is tried again on the next reload.
        if (r.status === 'fulfilled') files.set(name, validateTemplate(r.value.template, `${name}.template.json`).template);
      });
      setCatalog({ state: 'ready', entries: withFiles() });
    };

    void load();
    let stream: { close(): void } | null = null;
    let reload: ReturnType<typeof setTimeout> | undefined;
    try {
      stream = client.events(undefined, {
        onOpen: () => {},
        onEvent: () => {
          // A burst of webhooks (one per language) becomes one reload.
          clearTimeout(reload);
          reload = setTimeout(() => void load(), 300);
        },
        // No live stream (older server, proxy): the statuses shown are those of the last load.
        onEnd: () => {},
      });
    } catch {
      stream = null;
    }
    return () => {
      cancelled = true;
      clearTimeout(reload);
      stream?.close();
    };
  }, [api]);
  return catalog;
}
