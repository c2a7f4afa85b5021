/**
 * One template open in the editor: loaded from the runtime (or started fresh), edited as a
 * TemplateFile, validated in the browser on every change with @parley/templates, saved (PUT) and
 * submitted to Meta (POST …/submit). Dirty means "differs from what the server has".
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SubmitTemplateResponse, TemplateSummary } from '@parley/contract/api';
import { validateTemplate, type TemplateFile, type TemplateIssue } from '@parley/templates';
import { ApiError } from '../api/client';
import { refusalIssues, type TemplatesApi } from '../api/templates';
import { toDraft } from './draft';

type Notice = { ok: boolean; text: string } | null;

export interface TemplateDraftState {
  template: TemplateFile | null;
  /** The server's summary after the last load or save (the page's live list is fresher for statuses). */
  summary: TemplateSummary | null;
  loadError: string | null;
  /** The file does not exist on the server (yet). */
  missing: boolean;
  issues: TemplateIssue[];
  dirty: boolean;
  busy: 'saving' | 'submitting' | null;
  notice: Notice;
  edit: (t: TemplateFile) => void;
  start: (t: TemplateFile) => void;
  save: () => Promise<boolean>;
  submit: () => Promise<SubmitTemplateResponse | null>;
}

const serialize = (t: TemplateFile | null) => (t ? JSON.stringify(t) : '');

export function useTemplateDraft(api: TemplatesApi, name: string, fresh: TemplateFile | null): TemplateDraftState {
  const [template, setTemplate] = useState<TemplateFile | null>(fresh);
  const [saved, setSaved] = useState<string>('');
  const [summary, setSummary] = useState<TemplateSummary | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [serverIssues, setServerIssues] = useState<TemplateIssue[] | null>(null);
  const [busy, setBusy] = useState<TemplateDraftState['busy']>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    if (fresh) return;
    let live = true;
    api.get(name).then(
      (res) => {
        if (!live) return;
        const t = toDraft(res.template, name);
        setTemplate(t);
        setSaved(serialize(t));
        setSummary(res.summary);
      },
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) setMissing(true);
        else setLoadError(e instanceof ApiError ? e.message : 'Could not open the template.');
      },
    );
    return () => {
      live = false;
    };
  }, [api, name, fresh]);

  const file = `${name}.template.json`;
  const issues = useMemo(() => (template ? validateTemplate(template, file).issues : []), [template, file]);
  const dirty = serialize(template) !== saved;

  const edit = useCallback((t: TemplateFile) => {
    setTemplate(t);
    setServerIssues(null);
    setNotice(null);
  }, []);
  const start = useCallback((t: TemplateFile) => {
    setMissing(false);
    setTemplate(t);
  }, []);

  const save = useCallback(async () => {
    if (!template) return false;
    setBusy('saving');
    try {
      const res = await api.save(name, template);
      setSaved(serialize(template));
      setSummary(res.summary);
      setNotice({ ok: true, text: 'Saved.' });
      return true;
    } catch (e) {
      const refused = refusalIssues(e);
      if (refused.length) setServerIssues(refused.map(({ component, ...rest }) => ({ ...rest, ...pickComponent(component) })));
      setNotice({ ok: false, text: `Not saved: ${e instanceof ApiError ? e.message : 'the studio cannot reach the server.'}` });
      return false;
    } finally {
      setBusy(null);
    }
  }, [api, name, template]);

  const submit = useCallback(async () => {
    setBusy('submitting');
    try {
      const res = await api.submit(name);
      setNotice(submitNotice(res));
      return res;
    } catch (e) {
      setNotice({ ok: false, text: `Not submitted: ${e instanceof ApiError ? e.message : 'the studio cannot reach the server.'}` });
      return null;
    } finally {
      setBusy(null);
    }
  }, [api, name]);

  return {
    template,
    summary,
    loadError,
    missing,
    issues: serverIssues ? [...issues, ...serverIssues.filter((s) => !issues.some((i) => i.path === s.path && i.code === s.code))] : issues,
    dirty,
    busy,
    notice,
    edit,
    start,
    save,
    submit,
  };
}

const COMPONENTS = ['header', 'body', 'footer', 'buttons', 'parameters', 'authentication'] as const;

/** The API types `component` as a string; the editor's issue type names the six components. */
function pickComponent(c: string | undefined): Pick<TemplateIssue, 'component'> {
  const found = COMPONENTS.find((x) => x === c);
  return found ? { component: found } : {};
}

/** "Submitted en (new), es (edited). Meta reviews them; the status updates here." */
function submitNotice(res: SubmitTemplateResponse): Notice {
  const failed = res.results.filter((r) => r.action === 'failed');
  const sent = res.results.filter((r) => r.action === 'created' || r.action === 'edited');
  const parts: string[] = [];
  if (sent.length)
    parts.push(
      `Submitted ${sent.map((r) => `${r.language} (${r.action === 'created' ? 'new' : 'edited'})`).join(', ')} to Meta for review.`,
    );
  if (failed.length) parts.push(`Meta refused ${failed.map((r) => `${r.language}: ${r.error ?? 'no reason given'}`).join('; ')}.`);
  if (!parts.length) parts.push('Nothing to submit: Meta already has every language as it is in the file.');
  return { ok: failed.length === 0, text: parts.join(' ') };
}
