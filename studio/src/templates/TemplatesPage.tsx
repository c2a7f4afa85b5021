/**
 * The Templates page (#/templates, #/templates/<name>): the list with live statuses, or one
 * template in the editor. The list stays loaded (and live) while a template is open, so the
 * editor's badges turn when Meta decides.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { templatesApi } from '../api/templates';
import type { GuardedWork } from '../app/useUnsavedGuard';
import { newTemplate } from './draft';
import { TemplateEditor } from './TemplateEditor';
import { TemplateList } from './TemplateList';
import { useTemplateList, type LiveMode } from './useTemplateList';
import './templates.css';

interface Props {
  api: ApiClient;
  /** The open template's name, or null for the list. */
  name: string | null;
  onNavigate: (name: string | null) => void;
  guard: (work: GuardedWork | null) => void;
  /** The studio's navigation (Flows | Templates) for the list's toolbar. */
  nav: ReactNode;
  onSignOut: () => void;
  /** How often the list is polled when the live stream is not available. */
  pollMs?: number;
}

const LIVE_TEXT: Record<LiveMode, string> = {
  connecting: 'Connecting…',
  stream: 'Status updates live',
  polling: 'Status checked every few seconds',
};

export function TemplatesPage({ api, name, onNavigate, guard, nav, onSignOut, pollMs }: Props) {
  const templates = useMemo(() => templatesApi(api), [api]);
  const list = useTemplateList(templates, pollMs);
  const [fresh, setFresh] = useState<Record<string, ReturnType<typeof newTemplate>>>({});

  if (name) {
    return (
      <TemplateEditor
        key={name}
        api={templates}
        name={name}
        fresh={fresh[name] ?? null}
        live={list.templates?.find((t) => t.name === name)}
        guard={guard}
        onBack={() => {
          onNavigate(null);
          void list.reload();
        }}
        onChanged={() => {
          setFresh(({ [name]: _, ...rest }) => rest);
          void list.reload();
        }}
      />
    );
  }
  return (
    <main className="flow-list tpl-page">
      <header className="toolbar">
        <h1>Parley Studio</h1>
        {nav}
        <span className="spacer" />
        <span className="save-state" role="status">
          {LIVE_TEXT[list.live]}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <TemplateList
        templates={list.templates}
        error={list.error}
        onOpen={(n) => onNavigate(n)}
        onCreate={(n) => {
          setFresh((f) => ({ ...f, [n]: newTemplate(n) }));
          onNavigate(n);
        }}
      />
    </main>
  );
}
