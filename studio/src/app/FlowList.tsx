/** All flows with their state; create a new one. The first-run screen when there are none. */
import { useId, useState } from 'react';
import { SPEC_VERSION, type Flow } from '@parley/flow';
import { ApiError, type ApiClient, type FlowSummary } from '../api/client';

interface Props {
  api: ApiClient;
  flows: FlowSummary[] | null;
  error: string | null;
  onOpen: (id: string) => void;
  onCreated: (id: string) => void;
  onSignOut: () => void;
}

export function FlowList({ api, flows, error, onOpen, onCreated, onSignOut }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [lang, setLang] = useState('en');
  const [createError, setCreateError] = useState<string | null>(null);
  const flowId = name.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').replace(/^[^a-z]+/, '');
  const create = async () => {
    setCreateError(null);
    if (!flowId) {
      setCreateError('Give the flow a name that starts with a letter.');
      return;
    }
    const languages = lang.split(/[,\s]+/).filter(Boolean);
    const flow: Flow = { id: flowId, name: name.trim(), specVersion: SPEC_VERSION, revision: 0, languages: languages.length ? languages : ['en'], start: '', nodes: [] };
    try {
      await api.createFlow(flow, { flowId, positions: {} });
      onCreated(flowId);
    } catch (e) {
      setCreateError(e instanceof ApiError && e.status === 409 ? `A flow called “${flowId}” already exists.` : e instanceof ApiError ? e.message : 'Could not create the flow.');
    }
  };
  return (
    <main className="flow-list">
      <header className="toolbar">
        <h1>Parley Studio</h1>
        <span className="spacer" />
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      <div className="flow-list-body">
        {error && <p className="field-issues error" role="alert">{error}</p>}
        {flows === null ? <p>Loading flows…</p> : flows.length === 0 ? (
          <section className="empty-state" role="note">
            <h2>Welcome! You have no flows yet.</h2>
            <p>A flow is a conversation your customers can have on WhatsApp, Messenger or Instagram. Create your first one below — you will draw it step by step, try it in a preview chat and publish it when it is ready.</p>
          </section>
        ) : (
          <table>
            <caption>Your flows</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Draft</th><th scope="col">Live version</th><th scope="col">Problems</th></tr></thead>
            <tbody>
              {flows.map((f) => {
                const errors = f.issues?.filter((i) => i.severity === 'error').length ?? 0;
                return (
                  <tr key={f.id}>
                    <td><button type="button" className="link" onClick={() => onOpen(f.id)}>{f.name || f.id}</button> <code>{f.id}</code></td>
                    <td>revision {f.revision}</td>
                    <td>{f.publishedVersion ? `v${f.publishedVersion}` : 'not published'}</td>
                    <td>{errors ? `${errors} to fix` : 'None'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <form className="card new-flow" onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <h2>New flow</h2>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Order status" />
            {flowId && <p className="help">File: flows/{flowId}.flow.json</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-lang`}>Languages (default first)</label>
            <input id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value)} />
          </div>
          {createError && <p className="field-issues error" role="alert">{createError}</p>}
          <button type="submit" className="primary">Create flow</button>
        </form>
      </div>
    </main>
  );
}
