/**
 * Published versions, newest first, with who/when/summary and which one is live. Pick two to
 * see what changed between them (or one against the current draft) as a change list per
 * step, with the changed steps highlighted on the canvas and the raw JSON diff one click
 * away; roll back to an earlier version (which publishes a copy of it as a new version).
 */
import { X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Flow } from '@parley/flow';
import { ApiError, type ApiClient, type VersionInfo } from '../api/client';
import { ChoiceDialog } from '../ui/ChoiceDialog';
import { ChangeList } from './ChangeList';
import { flowChanges } from './changes';
import { DiffView } from './DiffView';
import { flowText } from './text';

interface Props {
  api: ApiClient;
  flowId: string;
  draft: Flow;
  /** The draft has unsaved edits: a rollback replaces them, so the dialog says so. */
  draftDirty?: boolean;
  /** Bumped after a publish so the list refreshes. */
  refreshKey: number;
  onRolledBack: (version: number) => void;
  /** The steps the shown comparison touches (null: no comparison), for the canvas. */
  onHighlight?: (nodeIds: ReadonlySet<string> | null) => void;
  onFocusNode?: (nodeId: string) => void;
  onClose: () => void;
}

/** The live version: the runtime marks it; an older runtime does not, and then it is the newest. */
function liveVersion(versions: VersionInfo[]): number | null {
  if (versions.some((v) => v.live !== undefined)) return versions.find((v) => v.live)?.version ?? null;
  return versions[0]?.version ?? null;
}

export function HistoryPanel({ api, flowId, draft, draftDirty, refreshKey, onRolledBack, onHighlight, onFocusNode, onClose }: Props) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [flows, setFlows] = useState<Record<number, Flow>>({});
  const [confirming, setConfirming] = useState<number | null>(null);
  const [raw, setRaw] = useState(false);
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
      if (flows[v] !== undefined) continue;
      api.version(flowId, v).then(
        (r) => setFlows((f) => ({ ...f, [v]: r.flow })),
        (e) => setError(e instanceof ApiError ? e.message : String(e)),
      );
    }
  }, [picked, api, flowId, flows]);

  const toggle = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v].slice(-2)));
  const rollback = async (v: number) => {
    setConfirming(null);
    try {
      const { version } = await api.rollback(flowId, v);
      onRolledBack(version);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const [older, newer] = [...picked].sort((a, b) => a - b);
  const before = older !== undefined ? flows[older] : undefined;
  const after = newer !== undefined ? flows[newer] : older !== undefined ? draft : undefined;
  const afterLabel = newer !== undefined ? `v${newer}` : 'your draft';
  const changes = useMemo(() => (before && after ? flowChanges(before, after) : null), [before, after]);

  useEffect(() => {
    if (!onHighlight) return;
    const touched = (changes?.nodes ?? []).filter((c) => c.kind !== 'removed').map((c) => c.nodeId);
    // Only settings changed (or only removed steps): nothing on the canvas to point at, so nothing dims.
    onHighlight(touched.length ? new Set(touched) : null);
  }, [changes, onHighlight]);
  useEffect(() => () => onHighlight?.(null), [onHighlight]);

  const live = versions ? liveVersion(versions) : null;
  return (
    <section className="side-panel history-panel" aria-label="Version history">
      <header>
        <h2>Version history</h2>
        <button type="button" onClick={onClose} aria-label="Close history">
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {versions === null ? (
        <p>Loading…</p>
      ) : versions.length === 0 ? (
        <p className="help">Nothing published yet. Publish to create the first version.</p>
      ) : (
        <>
          <p className="help">Tick one version to compare it with your draft, or two to compare them.</p>
          {live === null && (
            <p className="help" role="status">
              No version is live: new conversations do not start this flow.
            </p>
          )}
          <ul className="versions">
            {versions.map((v) => (
              <li key={v.version} className={`version${v.version === live ? ' live' : ''}`} data-testid={`version-${v.version}`}>
                <label>
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} disabled={v.unpublished} />
                  <strong>v{v.version}</strong>
                  {v.version === live && <span className="badge live-badge">Live</span>}{' '}
                  {v.unpublished ? <em>unpublished</em> : v.summary || <em>no summary</em>}
                </label>
                <span className="meta">
                  {v.publishedBy ?? 'unknown'} · {new Date(v.publishedAt).toLocaleString()}
                </span>
                {v.version !== live && !v.unpublished && (
                  <button type="button" onClick={() => setConfirming(v.version)}>
                    Roll back to v{v.version}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes && (
        <section className="comparison" aria-label={`Changes from v${older} to ${afterLabel}`}>
          <h3>
            From v{older} to {afterLabel}
          </h3>
          {changes.nodes.some((c) => c.kind !== 'removed') && (
            <p className="help">Changed and added steps are highlighted on the canvas; click one to open it.</p>
          )}
          <ChangeList changes={changes} onFocus={newer === undefined ? onFocusNode : undefined} />
          <button type="button" className="link" aria-expanded={raw} onClick={() => setRaw((r) => !r)}>
            {raw ? 'Hide' : 'Show'} the JSON diff
          </button>
          {raw && before && after && (
            <DiffView before={flowText(before)} after={flowText(after)} beforeLabel={`v${older}`} afterLabel={afterLabel} />
          )}
        </section>
      )}
      {confirming !== null && (
        <ChoiceDialog
          title={`Roll back to v${confirming}?`}
          onCancel={() => setConfirming(null)}
          choices={[
            { label: `Make v${confirming} live`, tone: 'primary', onChoose: () => void rollback(confirming) },
            { label: 'Cancel', onChoose: () => setConfirming(null) },
          ]}
        >
          <p>A copy of version {confirming} is published as a new version: new conversations use it at once, and it becomes your draft.</p>
          {draftDirty && <p className="field-issues error">Your unsaved changes to the draft will be replaced.</p>}
        </ChoiceDialog>
      )}
    </section>
  );
}
