/**
 * Top level: sign-in, the flow list, and the editor for one flow. The open flow
 * is in the URL hash (#/flows/<id>) so a reload or a shared link reopens it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { ApiClient, ApiError, type FlowDraft, type FlowSummary } from '../api/client';
import { prepareDraft } from './prepareDraft';
import { Login } from './Login';
import { FlowList } from './FlowList';
import { Editor } from './Editor';

const TOKEN_KEY = 'parley.token';

function flowFromHash(): string | null {
  const m = /^#\/flows\/([^/]+)$/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(() => new ApiClient(token, '/api', undefined, () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  }), []);
  const [flowId, setFlowId] = useState<string | null>(flowFromHash);
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [draft, setDraft] = useState<FlowDraft | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setFlowId(flowFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const loadList = useCallback(async () => {
    try {
      setFlows(await api.listFlows());
      setListError(null);
    } catch (e) {
      setListError(e instanceof ApiError ? e.message : 'Could not load the flows.');
    }
  }, [api]);

  useEffect(() => {
    api.setToken(token);
    if (token) void loadList();
  }, [token, api, loadList]);

  useEffect(() => {
    if (!token || !flowId) {
      setDraft(null);
      return;
    }
    let live = true;
    setOpenError(null);
    api.getFlow(flowId).then(
      (d) => {
        if (!live) return;
        const prepared = prepareDraft(d);
        if (prepared.ok) {
          setDraft(prepared.draft);
          setNotice(prepared.notice ?? null);
        } else {
          setOpenError(prepared.message);
        }
      },
      (e) => live && setOpenError(e instanceof ApiError ? e.message : 'Could not open the flow.'),
    );
    return () => {
      live = false;
    };
  }, [token, flowId, api]);

  const open = (id: string) => {
    window.location.hash = `#/flows/${encodeURIComponent(id)}`;
  };

  if (!token) {
    return <Login api={api} onSignedIn={(t) => { sessionStorage.setItem(TOKEN_KEY, t); setToken(t); }} />;
  }
  if (flowId) {
    if (openError) {
      return (
        <main className="flow-list"><p className="field-issues error" role="alert">{openError}</p>
          <button type="button" onClick={() => { window.location.hash = ''; }}>Back to all flows</button></main>
      );
    }
    if (!draft || draft.flow.id !== flowId) return <main className="loading" aria-busy="true">Opening {flowId}…</main>;
    return (
      <ReactFlowProvider key={flowId}>
        <Editor api={api} draft={draft} notice={notice} flowIds={(flows ?? []).map((f) => f.id)}
          onBack={() => { window.location.hash = ''; void loadList(); }} />
      </ReactFlowProvider>
    );
  }
  return (
    <FlowList api={api} flows={flows} error={listError} onOpen={open}
      onCreated={(id) => { void loadList(); open(id); }}
      onSignOut={() => { sessionStorage.removeItem(TOKEN_KEY); api.setToken(null); setToken(null); }} />
  );
}
