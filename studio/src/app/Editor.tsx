/**
 * The editing screen: toolbar, palette, canvas, inspector, problems, and the
 * preview / history side panels. Keyboard: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y),
 * Ctrl+C / X / V, Delete, Ctrl+S save, Ctrl+F find, Escape clears selection.
 */
import { ArrowLeft, LayoutGrid, PanelRightClose, PanelRightOpen, Play, Redo2, Undo2, X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { plainIssueMessage, type Flow, type FlowNode } from '@parley/flow';
import type { ValidationIssue } from '@parley/contract';
import { ApiError, ConflictError, type ApiClient, type FlowDraft } from '../api/client';
import { Canvas } from '../canvas/Canvas';
import type { NodeDecoration } from '../canvas/elements';
import { Palette } from '../canvas/Palette';
import { CanvasContext } from '../canvas/context';
import { findNodes } from '../canvas/find';
import { autoLayout } from '../canvas/layout';
import { useAddStep } from '../canvas/useAddStep';
import type { Position } from '../model/doc';
import { Inspector } from '../inspector/Inspector';
import { FlowSettings } from '../inspector/FlowSettings';
import { IssuesPanel } from '../validation/IssuesPanel';
import { useValidation } from '../validation/useValidation';
import { decorate, indexIssues, locateIssue } from '../validation/decorate';
import { UntranslatedPanel } from '../translations/UntranslatedPanel';
import { HistoryPanel } from '../history/HistoryPanel';
import { ConflictDialog } from '../history/ConflictDialog';
import { PreviewPanel } from '../preview/PreviewPanel';
import { useAnalytics, AnalyticsControls } from '../analytics/Analytics';
import { useEditor } from './useEditor';
import { useEditorShortcuts } from './useEditorShortcuts';
import { EmptyState } from './EmptyState';
import { PromptDialog } from '../ui/PromptDialog';
import { publishFlow, unapprovedTemplates, type UnapprovedTemplate } from '../api/publishFlow';
import { useTemplateCatalogLoader } from '../inspector/useTemplateCatalogLoader';
import { catalogInfos, TemplateCatalogContext } from '../inspector/templateCatalog';
import { ForcePublishDialog } from './ForcePublishDialog';
import type { GuardedWork } from './useUnsavedGuard';

interface Props {
  api: ApiClient;
  draft: FlowDraft;
  /** Shown once on opening, e.g. that the flow was upgraded to the current spec. */
  notice?: string | null;
  flowIds: string[];
  onBack: () => void;
  onSignOut: () => void;
  /** Told whether there are unsaved changes and how to save them (every exit asks first). */
  guard: (work: GuardedWork | null) => void;
}

type SidePanel = 'none' | 'preview' | 'history';
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

export function Editor({ api, draft, notice, flowIds, onBack, onSignOut, guard }: Props) {
  const { state, actions, docRef } = useEditor({ doc: { flow: draft.flow, layout: draft.layout }, revision: draft.revision });
  const { doc, selected, selectedEdges } = state;
  const flow = doc.flow;
  const rf = useReactFlow();
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const knownFlows = useMemo(() => new Set(flowIds), [flowIds]);
  const templateCatalog = useTemplateCatalogLoader(api);
  const templateInfos = useMemo(() => catalogInfos(templateCatalog), [templateCatalog]);
  const issues = useValidation(flow, knownFlows, templateInfos);
  const index = useMemo(() => indexIssues(flow, issues), [flow, issues]);
  const [side, setSide] = useState<SidePanel>('none');
  // The inspector folds away so the canvas keeps its width next to the preview; selecting a step opens it.
  const [paneOpen, setPaneOpen] = useState(true);
  const [rightTab, setRightTab] = useState<'edit' | 'translations'>('edit');
  const [language, setLanguage] = useState(flow.languages[0] ?? 'en');
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [active, setActive] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<ConflictError | null>(null);
  const [publishMsg, setPublishMsg] = useState<{ ok: boolean; text: string } | null>(notice ? { ok: true, text: notice } : null);
  const [historyKey, setHistoryKey] = useState(0);
  const analytics = useAnalytics(api, flow.id);
  const pointer = useRef<Position | null>(null);
  const findRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => (query.trim() ? findNodes(flow.nodes, query) : null), [flow.nodes, query]);
  // With no search, the steps the open version comparison touches stand out (the rest dims).
  const [historyHighlight, setHistoryHighlight] = useState<ReadonlySet<string> | null>(null);
  const matchSet = useMemo(() => (matches ? new Set(matches) : historyHighlight), [matches, historyHighlight]);
  const prevDecos = useRef<Map<string, NodeDecoration>>(undefined);
  const decorations = useMemo(() => {
    const d = decorate(
      flow,
      { index, activeNode: active, matches: matchSet, ...(analytics.report ? { analytics: analytics.report.nodes } : {}) },
      prevDecos.current,
    );
    prevDecos.current = d;
    return d;
  }, [flow, index, active, matchSet, analytics.report]);

  const selectedNode = selected.size === 1 ? flow.nodes.find((n) => selected.has(n.id)) : undefined;
  useEffect(() => {
    if (selected.size) setPaneOpen(true);
  }, [selected]);
  const nodeIssues = useMemo(() => (selectedNode ? (index.byNode.get(selectedNode.id) ?? []) : []), [index, selectedNode]);

  const viewCenter = useCallback((): Position => {
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    if (!r) return { x: 0, y: 0 };
    return rf.screenToFlowPosition({ x: r.left + r.width / 2 - 120, y: r.top + r.height / 2 - 60 });
  }, [rf]);

  const addStep = useAddStep(actions.addNode, docRef, measured);

  const focusNode = useCallback(
    (nodeId: string) => {
      actions.select([nodeId]);
      const p = docRef.current.layout.positions[nodeId];
      const m = measured.get(nodeId);
      if (p)
        void rf.setCenter(p.x + (m?.width ?? 240) / 2, p.y + (m?.height ?? 100) / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 300 });
    },
    [actions, docRef, measured, rf],
  );

  // ---- save / publish -------------------------------------------------------
  const doSave = useCallback(
    async (overwriteRevision?: string): Promise<boolean> => {
      const current = docRef.current;
      setSave({ kind: 'saving' });
      try {
        const base = overwriteRevision ?? state.baseRevision;
        // The runtime sets the flow file's revision itself (bumped only when the logic changed).
        const { revision } = await api.saveFlow(current.flow.id, current.flow, current.layout, base);
        actions.markSaved(current, revision);
        setSave({ kind: 'saved', at: new Date() });
        return true;
      } catch (e) {
        if (e instanceof ConflictError) {
          setConflict(e);
          setSave({ kind: 'error', message: 'Not saved: someone else saved first.' });
        } else {
          setSave({ kind: 'error', message: e instanceof ApiError ? e.message : 'Saving failed.' });
        }
        return false;
      }
    },
    [api, actions, docRef, state.baseRevision],
  );

  const [asking, setAsking] = useState(false);
  const publish = () => {
    if (issues.some((i) => i.severity === 'error')) {
      setPublishMsg({ ok: false, text: 'Fix the problems listed under Problems before publishing.' });
      return;
    }
    setAsking(true);
  };
  const [forcing, setForcing] = useState<{ summary: string; templates: UnapprovedTemplate[] } | null>(null);
  const doPublish = async (summary: string, force?: { reason: string }) => {
    setAsking(false);
    setForcing(null);
    if (state.dirty && !(await doSave())) return;
    try {
      const { version } = await publishFlow(api, flow.id, summary, force);
      setPublishMsg({
        ok: true,
        text: `Published version ${version}${force ? ' although templates are not approved (recorded in the history)' : ''}. New conversations use it now.`,
      });
      setHistoryKey((k) => k + 1);
    } catch (e) {
      const unapproved = unapprovedTemplates(e);
      if (unapproved && !force) {
        setForcing({ summary, templates: unapproved });
        return;
      }
      // The runtime sends the CLI's wording; the studio shows the marketer's.
      const issue = e instanceof ApiError ? (e.body as { issues?: ValidationIssue[] } | undefined)?.issues?.[0] : undefined;
      const first = issue ? plainIssueMessage(issue, flow) : undefined;
      setPublishMsg({ ok: false, text: (e instanceof ApiError ? e.message : 'Publishing failed.') + (first ? ` — ${first}` : '') });
    }
  };

  const reloadFrom = (d: FlowDraft) => actions.reset({ flow: d.flow, layout: d.layout }, d.revision);

  // ---- clipboard & shortcuts --------------------------------------------------
  const pasteAt = useCallback((): Position => pointer.current ?? viewCenter(), [viewCenter]);
  const focusFind = useCallback(() => findRef.current?.focus(), []);
  useEditorShortcuts({ actions, selected, save: doSave, pasteAt, focusFind });

  useEffect(() => guard({ dirty: state.dirty, save: () => doSave() }), [guard, state.dirty, doSave]);
  useEffect(() => () => guard(null), [guard]);

  const runLayout = async () => {
    const positions = await autoLayout(docRef.current.flow, measured);
    actions.applyPositions(positions);
    requestAnimationFrame(() => void rf.fitView({ duration: 300 }));
  };

  const gotoMatch = (step: number) => {
    if (!matches?.length) return;
    const i = (matchIndex + step + matches.length) % matches.length;
    setMatchIndex(i);
    focusNode(matches[i]!);
  };

  const onActiveNode = useCallback((nodeId: string | null) => setActive(nodeId), []);
  // Follow the conversation: keep the node the preview waits at in view.
  useEffect(() => {
    if (!active) return;
    const p = docRef.current.layout.positions[active];
    const m = measured.get(active);
    if (p) void rf.setCenter(p.x + (m?.width ?? 240) / 2, p.y + (m?.height ?? 100) / 2, { zoom: rf.getZoom(), duration: 250 });
  }, [active, docRef, measured, rf]);
  const shownLanguage = flow.languages.includes(language) ? language : (flow.languages[0] ?? 'en');
  const canvasCtx = useMemo(
    () => ({
      language: shownLanguage,
      defaultLanguage: flow.languages[0] ?? 'en',
      onNoteChange: (id: string, text: string) => actions.updateNote(id, { text }),
    }),
    [shownLanguage, flow.languages, actions],
  );

  const errorCount = issues.filter((i) => i.severity === 'error').length;

  return (
    <div className="editor">
      <header className="toolbar" role="toolbar" aria-label="Flow actions">
        <button type="button" onClick={onBack} aria-label="Back to all flows">
          <ArrowLeft size={16} aria-hidden="true" /> Flows
        </button>
        <h1 className="flow-title" title={flow.name || flow.id}>
          {flow.name || flow.id}
        </h1>
        <span className={`save-state ${save.kind}`} role="status" aria-live="polite">
          {save.kind === 'saving'
            ? 'Saving…'
            : save.kind === 'error'
              ? save.message
              : state.dirty
                ? 'Unsaved changes'
                : save.kind === 'saved'
                  ? 'All changes saved'
                  : 'No changes'}
        </span>
        <span className="spacer" />
        <button type="button" onClick={actions.undo} disabled={!state.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
          <Undo2 size={16} aria-hidden="true" />
          <span className="btn-text">Undo</span>
        </button>
        <button
          type="button"
          onClick={actions.redo}
          disabled={!state.canRedo}
          aria-keyshortcuts="Control+Shift+Z"
          title="Redo (Ctrl+Shift+Z)"
        >
          <Redo2 size={16} aria-hidden="true" />
          <span className="btn-text">Redo</span>
        </button>
        <button type="button" onClick={runLayout} title="Arrange all steps neatly" aria-label="Auto-layout">
          <LayoutGrid size={16} aria-hidden="true" />
          <span className="btn-text">Auto-layout</span>
        </button>
        <div className="find" role="search">
          <label htmlFor="find-input" className="sr-only">
            Find a step by its text
          </label>
          <input
            id="find-input"
            ref={findRef}
            type="search"
            placeholder="Find (Ctrl+F)"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setMatchIndex(-1);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                gotoMatch(e.shiftKey ? -1 : 1);
              }
              if (e.key === 'Escape') setQuery('');
            }}
          />
          {matches && (
            <span className="find-count" aria-live="polite">
              {matches.length ? `${Math.max(matchIndex, 0) + 1}/${matches.length}` : 'no match'}
            </span>
          )}
        </div>
        {flow.languages.length > 1 && (
          <select aria-label="Language shown on the canvas" value={shownLanguage} onChange={(e) => setLanguage(e.target.value)}>
            {flow.languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        )}
        <AnalyticsControls state={analytics} />
        <button
          type="button"
          title="Try the flow in a preview chat"
          aria-pressed={side === 'preview'}
          onClick={() => setSide((s) => (s === 'preview' ? 'none' : 'preview'))}
        >
          <Play size={16} aria-hidden="true" />
          <span className="btn-text">Preview</span>
        </button>
        <button type="button" aria-pressed={side === 'history'} onClick={() => setSide((s) => (s === 'history' ? 'none' : 'history'))}>
          History
        </button>
        <button type="button" onClick={() => void doSave()} disabled={save.kind === 'saving'} aria-keyshortcuts="Control+S">
          Save
        </button>
        <button type="button" className="primary" onClick={publish}>
          Publish
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {publishMsg && (
        <div className={`banner ${publishMsg.ok ? 'ok' : 'error'}`} role={publishMsg.ok ? 'status' : 'alert'}>
          {publishMsg.text}{' '}
          <button type="button" onClick={() => setPublishMsg(null)} aria-label="Dismiss">
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      )}
      <div className="workspace">
        <Palette onAdd={addStep} onAddNote={() => actions.addNote(viewCenter())} />
        <main
          className="canvas-wrap"
          aria-label="Flow canvas"
          onPointerMove={(e) => {
            pointer.current = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
          }}
          onPointerLeave={() => {
            pointer.current = null;
          }}
        >
          <CanvasContext.Provider value={canvasCtx}>
            <Canvas
              doc={doc}
              selected={selected}
              selectedEdges={selectedEdges}
              decorations={decorations}
              badEdges={index.badEdges}
              edgeCounts={analytics.edgeCounts}
              measured={measured}
              onMove={actions.move}
              onResizeNote={(id, size, done) =>
                actions.updateNote(
                  id,
                  { width: Math.round(size.width), height: Math.round(size.height) },
                  done ? undefined : { coalesce: `resize:${id}` },
                )
              }
              onSelect={(n, e) => actions.select(n, e)}
              onConnect={actions.connect}
              onDelete={actions.remove}
              onDropType={(type, at) => actions.addNode(type, at)}
            />
          </CanvasContext.Provider>
          {flow.nodes.length === 0 && <EmptyState onAdd={() => actions.addNode('message', viewCenter())} />}
        </main>
        {!paneOpen && (
          <button
            type="button"
            className="pane-rail"
            onClick={() => setPaneOpen(true)}
            aria-label="Show the step editor"
            title="Show the step editor"
          >
            <PanelRightOpen size={16} aria-hidden="true" />
          </button>
        )}
        <aside className="right-pane" hidden={!paneOpen}>
          <div className="pane-head">
            <button
              type="button"
              className="pane-fold"
              onClick={() => setPaneOpen(false)}
              aria-label="Hide the step editor"
              title="Hide the step editor"
            >
              <PanelRightClose size={16} aria-hidden="true" />
            </button>
            <div className="tabs" role="tablist" aria-label="Side panel">
              <button type="button" role="tab" aria-selected={rightTab === 'edit'} onClick={() => setRightTab('edit')}>
                Edit
              </button>
              <button type="button" role="tab" aria-selected={rightTab === 'translations'} onClick={() => setRightTab('translations')}>
                Translations
              </button>
            </div>
          </div>
          {rightTab === 'translations' ? (
            <UntranslatedPanel
              flow={flow}
              onFocus={(id) => {
                setRightTab('edit');
                focusNode(id);
              }}
            />
          ) : selectedNode ? (
            <TemplateCatalogContext.Provider value={templateCatalog}>
              <Inspector
                key={selectedNode.id}
                flow={flow}
                node={selectedNode}
                issues={nodeIssues}
                flowIds={flowIds}
                onChange={(n: FlowNode, field?: string) => actions.updateNode(n, field)}
                onRename={actions.renameNode}
                onConnect={(exit, target) => actions.connect(selectedNode.id, exit, target)}
                onSetStart={() => actions.setStart(selectedNode.id)}
                onDelete={() => actions.remove([selectedNode.id], [])}
              />
            </TemplateCatalogContext.Provider>
          ) : selected.size > 1 ? (
            <section className="multi">
              <h2>{selected.size} items selected</h2>
              <p className="help">Drag to move them together, Ctrl+C to copy, Delete to remove.</p>
            </section>
          ) : (
            <FlowSettings
              flow={flow}
              issues={index.flowLevel}
              flowIds={flowIds}
              onChange={(patch: Partial<Flow>, key: string) => actions.updateFlow(patch, key)}
              tryNlu={(text) => api.tryNlu(flow.id, text, docRef.current.flow)}
            />
          )}
        </aside>
        {side === 'preview' && (
          <PreviewPanel
            api={api}
            flow={flow}
            onActiveNode={onActiveNode}
            onClose={() => {
              setSide('none');
              setActive(null);
            }}
          />
        )}
        {side === 'history' && (
          <HistoryPanel
            api={api}
            flowId={flow.id}
            draft={flow}
            draftDirty={state.dirty}
            refreshKey={historyKey}
            onClose={() => setSide('none')}
            onHighlight={setHistoryHighlight}
            onFocusNode={focusNode}
            onRolledBack={async (v) => {
              // The runtime writes the rolled-back flow to the draft files too: load it.
              try {
                reloadFrom(await api.getFlow(flow.id));
                setPublishMsg({ ok: true, text: `Rolled back: version ${v} is live and is now your draft.` });
              } catch (e) {
                setPublishMsg({
                  ok: false,
                  text: `Rolled back to version ${v}, but the draft could not be reloaded: ${e instanceof ApiError ? e.message : String(e)}`,
                });
              }
            }}
          />
        )}
      </div>
      <details className="problems" open={errorCount > 0}>
        <summary>
          Problems: {errorCount} error{errorCount === 1 ? '' : 's'}, {issues.length - errorCount} warning
          {issues.length - errorCount === 1 ? '' : 's'}
        </summary>
        <IssuesPanel
          issues={issues}
          locate={(i: ValidationIssue) => locateIssue(flow, i).nodeId}
          onDeclare={actions.declareVariable}
          onFocus={(nodeId) => (nodeId ? focusNode(nodeId) : actions.select([]))}
        />
      </details>
      {asking && (
        <PromptDialog
          title="Publish this flow"
          label="What changed?"
          help="Shown in the version history."
          confirm="Publish"
          onConfirm={(summary) => void doPublish(summary)}
          onCancel={() => setAsking(false)}
        />
      )}
      {forcing && (
        <ForcePublishDialog
          templates={forcing.templates}
          onForce={(reason) => void doPublish(forcing.summary, { reason })}
          onCancel={() => {
            setForcing(null);
            setPublishMsg({ ok: false, text: 'Not published: waiting for WhatsApp to approve the templates.' });
          }}
        />
      )}
      {conflict && (
        <ConflictDialog
          mine={flow}
          theirs={conflict.current}
          onReload={() => {
            if (conflict.current) reloadFrom(conflict.current);
            setConflict(null);
            setSave({ kind: 'idle' });
          }}
          onOverwrite={() => {
            const rev = conflict.current?.revision;
            setConflict(null);
            void doSave(rev);
          }}
          onCancel={() => setConflict(null)}
        />
      )}
    </div>
  );
}
