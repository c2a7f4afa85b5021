/**
 * Top level: sign-in, the flow list, and the editor for one flow. The open flow
 * is in the URL hash (#/flows/<id>) so a reload or a shared link reopens it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { ApiClient, ApiError, type FlowDraft, type FlowSummary } from '../api/client';
import { prepareDraft } from './prepareDraft';
import { Login } from './Login';
import { FlowList } from './FlowList';
import { Editor } from './Editor';
import { useUnsavedGuard } from './useUnsavedGuard';
import { TemplatesPage } from '../templates/TemplatesPage';
import { StudioNav } from '../templates/StudioNav';
import { ContactsPage } from '../contacts/ContactsPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';

const TOKEN_KEY = 'parley.token';

function flowFromHash(): string | null {
  const m = /^#\/flows\/([^/]+)$/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** #/templates → the list (name null), #/templates/<name> → that template; undefined elsewhere. */
function templateFromHash(): { name: string | null } | undefined {
  const m = /^#\/templates(?:\/([^/]+))?$/.exec(window.location.hash);
  return m ? { name: m[1] ? decodeURIComponent(m[1]) : null } : undefined;
}

/** #/contacts[/<id>] and #/campaigns[/<id>]: the section and the open record (null: the list); undefined elsewhere. */
function sectionFromHash(section: 'contacts' | 'campaigns'): { id: string | null } | undefined {
  const m = new RegExp(`^#/${section}(?:/([^/?]+))?`).exec(window.location.hash);
  return m ? { id: m[1] ? decodeURIComponent(m[1]) : null } : undefined;
}

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(
    () =>
      new ApiClient(token, '/api', undefined, () => {
        sessionStorage.removeItem(TOKEN_KEY);
        setToken(null);
      }),
    [],
  );
  const [flowId, setFlowId] = useState<string | null>(flowFromHash);
  const [templateRoute, setTemplateRoute] = useState(templateFromHash);
  const [contactsRoute, setContactsRoute] = useState(() => sectionFromHash('contacts'));
  const [campaignsRoute, setCampaignsRoute] = useState(() => sectionFromHash('campaigns'));
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [draft, setDraft] = useState<FlowDraft | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const guard = useUnsavedGuard();
  const { isDirty, leave } = guard;
  /** The hash the open screen belongs to; a change the user has not confirmed is put back. */
  const shownHash = useRef(window.location.hash);

  const navigate = useCallback((hash: string) => {
    shownHash.current = hash;
    if (window.location.hash !== hash) window.location.hash = hash;
    setFlowId(flowFromHash());
    setTemplateRoute(templateFromHash());
    setContactsRoute(sectionFromHash('contacts'));
    setCampaignsRoute(sectionFromHash('campaigns'));
  }, []);

  useEffect(() => {
    // Browser back/forward, a typed or pasted link: the URL already changed.
    const onHash = () => {
      const target = window.location.hash;
      if (target === shownHash.current) return;
      if (!isDirty()) return navigate(target);
      window.history.replaceState(null, '', shownHash.current || `${window.location.pathname}${window.location.search}`);
      leave(() => navigate(target));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [isDirty, leave, navigate]);

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

  const open = (id: string) => guard.leave(() => navigate(`#/flows/${encodeURIComponent(id)}`));
  const signOut = () =>
    guard.leave(() => {
      sessionStorage.removeItem(TOKEN_KEY);
      api.setToken(null);
      setToken(null);
    });

  if (!token) {
    return (
      <Login
        api={api}
        onSignedIn={(t) => {
          sessionStorage.setItem(TOKEN_KEY, t);
          setToken(t);
        }}
      />
    );
  }
  if (contactsRoute) {
    return (
      <ContactsPage
        api={api}
        id={contactsRoute.id}
        onNavigate={(id) => navigate(id ? `#/contacts/${encodeURIComponent(id)}` : '#/contacts')}
        nav={<StudioNav current="contacts" />}
        onSignOut={signOut}
      />
    );
  }
  if (campaignsRoute) {
    return (
      <CampaignsPage
        api={api}
        id={campaignsRoute.id}
        onNavigate={(id) => navigate(id ? `#/campaigns/${encodeURIComponent(id)}` : '#/campaigns')}
        nav={<StudioNav current="campaigns" />}
        onSignOut={signOut}
      />
    );
  }
  if (templateRoute) {
    return (
      <>
        <TemplatesPage
          api={api}
          name={templateRoute.name}
          onNavigate={(name) => guard.leave(() => navigate(name ? `#/templates/${encodeURIComponent(name)}` : '#/templates'))}
          guard={guard.register}
          nav={<StudioNav current="templates" />}
          onSignOut={signOut}
        />
        {guard.dialog}
      </>
    );
  }
  if (flowId) {
    if (openError) {
      return (
        <main className="flow-list">
          <p className="field-issues error" role="alert">
            {openError}
          </p>
          <button type="button" onClick={() => navigate('')}>
            Back to all flows
          </button>
        </main>
      );
    }
    if (!draft || draft.flow.id !== flowId)
      return (
        <main className="loading" aria-busy="true">
          Opening {flowId}…
        </main>
      );
    return (
      <ReactFlowProvider key={flowId}>
        <Editor
          api={api}
          draft={draft}
          notice={notice}
          flowIds={(flows ?? []).map((f) => f.id)}
          guard={guard.register}
          onBack={() =>
            guard.leave(() => {
              navigate('');
              void loadList();
            })
          }
          onSignOut={signOut}
        />
        {guard.dialog}
      </ReactFlowProvider>
    );
  }
  return (
    <FlowList
      api={api}
      flows={flows}
      error={listError}
      onOpen={open}
      onCreated={(id) => {
        void loadList();
        open(id);
      }}
      onChanged={() => void loadList()}
      onSignOut={signOut}
      nav={<StudioNav current="flows" />}
    />
  );
}
