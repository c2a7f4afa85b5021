/**
 * Published versions, newest first, with who/when/summary. Pick two to see
 * what changed between them (or one against the current draft); roll back to
 * any version (which publishes a copy of it as a new version).
 */
import { X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { Flow } from '@parley/flow';
import { ApiError, type ApiClient, type VersionInfo } from '../api/client';
import { DiffView } from './DiffView';
import { flowText } from './text';

interface Props {
  api: ApiClient;
  flowId: string;
  draft: Flow;
  /** Bumped after a publish so the list refreshes. */
  refreshKey: number;
  onRolledBack: (version: number) => void;
  onClose: () => void;
}

export function HistoryPanel({ api, flowId, draft, refreshKey, onRolledBack, onClose }: Props) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const load = useCallback(async () => {
    try {
      setVersions(await api.versions(flowId));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [api, flowId]);
  useEffect(() => void load(), [load, refreshKey]);

  useEffect(() => {
    for (const v of picked) {
      if (texts[v] !== undefined) continue;
      api.version(flowId, v).then((r) => setTexts((t) => ({ ...t, [v]: flowText(r.flow) })), (e) => setError(e instanceof ApiError ? e.message : String(e)));
    }
  }, [picked, api, flowId, texts]);

  const toggle = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v].slice(-2)));
  const rollback = async (v: number) => {
    if (!window.confirm(`Publish a copy of version ${v} as the new live version?`)) return;
    try {
      const { version } = await api.rollback(flowId, v);
      onRolledBack(version);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const sorted = [...picked].sort((a, b) => a - b);
  const [older, newer] = sorted;

  return (
    <section className="side-panel history-panel" aria-label="Version history">
      <header><h2>Version history</h2><button type="button" onClick={onClose} aria-label="Close history"><X size={16} aria-hidden="true" /></button></header>
      {error && <p className="field-issues error" role="alert">{error}</p>}
      {versions === null ? <p>Loading…</p> : versions.length === 0 ? (
        <p className="help">Nothing published yet. Publish to create the first version.</p>
      ) : (
        <>
          <p className="help">Tick one version to compare it with your draft, or two to compare them.</p>
          <ul className="versions">
            {versions.map((v) => (
              <li key={v.version} className="version">
                <label>
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} />
                  <strong>v{v.version}</strong> {v.summary || <em>no summary</em>}
                </label>
                <span className="meta">{v.publishedBy ?? 'unknown'} · {new Date(v.publishedAt).toLocaleString()}</span>
                <button type="button" onClick={() => rollback(v.version)}>Roll back to v{v.version}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {older !== undefined && newer === undefined && texts[older] !== undefined && (
        <DiffView before={texts[older]!} after={flowText(draft)} beforeLabel={`v${older}`} afterLabel="your draft" />
      )}
      {older !== undefined && newer !== undefined && texts[older] !== undefined && texts[newer] !== undefined && (
        <DiffView before={texts[older]!} after={texts[newer]!} beforeLabel={`v${older}`} afterLabel={`v${newer}`} />
      )}
    </section>
  );
}
