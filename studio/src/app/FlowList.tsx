/**
 * All flows with their state at a glance (live version, draft, unpublished
 * changes, problems), a search by name or id, and per-flow rename, duplicate,
 * unpublish and delete — each confirmed in the studio's own dialog. Delete is
 * disabled, with the reason, while a flow is live or called by another flow.
 * Creating a new flow is here too; it is the first-run screen when there are none.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Copy, PencilLine, Search, Trash2, CircleStop } from 'lucide-react';
import { SPEC_VERSION, type Flow } from '@parley/flow';
import { ApiError, type ApiClient } from '../api/client';
import { ChoiceDialog } from '../ui/ChoiceDialog';
import { PromptDialog } from '../ui/PromptDialog';
import { flowActions, actionError } from './flowListApi';
import { copyId, deleteBlocked, idFromName, liveLabel, matchesQuery, type FlowRow } from './flowListState';

interface Props {
  api: ApiClient;
  flows: FlowRow[] | null;
  error: string | null;
  onOpen: (id: string) => void;
  onCreated: (id: string) => void;
  /** After a rename, duplicate, unpublish or delete: reload the list. */
  onChanged?: () => void;
  onSignOut: () => void;
  /** The studio's section links (Flows | Templates), shown beside the title. */
  nav?: ReactNode;
}

type Pending = { kind: 'rename' | 'duplicate' | 'delete' | 'unpublish'; flow: FlowRow };

export function FlowList({ api, flows, error, onOpen, onCreated, onChanged, onSignOut, nav }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const actions = useMemo(() => flowActions(api), [api]);
  const shown = useMemo(() => (flows ?? []).filter((f) => matchesQuery(f, query)), [flows, query]);

  const run = async (what: string, done: string, action: () => Promise<unknown>) => {
    setPending(null);
    try {
      await action();
      setNotice({ ok: true, text: done });
    } catch (e) {
      setNotice({ ok: false, text: actionError(e, what) });
    }
    onChanged?.();
  };

  const taken = new Set((flows ?? []).map((f) => f.id));
  return (
    <main className="flow-list">
      <header className="toolbar">
        <h1>Parley Studio</h1>
        {nav}
        <span className="spacer" />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div className="flow-list-body">
        {error && (
          <p className="field-issues error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className={`banner ${notice.ok ? 'ok' : 'error'}`} role={notice.ok ? 'status' : 'alert'}>
            {notice.text}
          </p>
        )}
        {flows === null ? (
          <p>Loading flows…</p>
        ) : flows.length === 0 ? (
          <section className="empty-state" role="note">
            <h2>Welcome! You have no flows yet.</h2>
            <p>
              A flow is a conversation your customers can have on WhatsApp, Messenger or Instagram. Create your first one below — you will
              draw it step by step, try it in a preview chat and publish it when it is ready.
            </p>
          </section>
        ) : (
          <section aria-labelledby={`${id}-caption`}>
            <div className="flow-list-head">
              <h2 id={`${id}-caption`}>Your flows</h2>
              <div className="flow-search" role="search">
                <Search size={14} aria-hidden="true" />
                <label htmlFor={`${id}-q`} className="sr-only">
                  Search flows by name or id
                </label>
                <input
                  id={`${id}-q`}
                  type="search"
                  placeholder="Search by name or id"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                />
              </div>
            </div>
            {shown.length === 0 ? (
              <p role="status">No flow matches “{query}”.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Flow</th>
                    <th scope="col">Status</th>
                    <th scope="col">Problems</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((f) => (
                    <Row key={f.id} flow={f} onOpen={onOpen} onAction={(kind) => setPending({ kind, flow: f })} />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
        <NewFlowForm api={api} onCreated={onCreated} />
      </div>
      {pending?.kind === 'rename' && (
        <PromptDialog
          title={`Rename “${pending.flow.name || pending.flow.id}”`}
          label="New name"
          initial={pending.flow.name}
          confirm="Rename"
          help="Only the name changes; connections and conversations keep using the id. Publish to show the new name live."
          onCancel={() => setPending(null)}
          onConfirm={(name) =>
            name
              ? void run('rename the flow', `Renamed to “${name}”.`, () => actions.rename(pending.flow.id, name))
              : setNotice({ ok: false, text: 'Give the flow a name.' })
          }
        />
      )}
      {pending?.kind === 'duplicate' && (
        <PromptDialog
          title={`Duplicate “${pending.flow.name || pending.flow.id}”`}
          label="Name of the copy"
          initial={`${pending.flow.name || pending.flow.id} (copy)`}
          confirm="Duplicate"
          help="The copy is a draft: it is not live until you publish it."
          onCancel={() => setPending(null)}
          onConfirm={(name) => {
            const newId = idFromName(name);
            const free = newId && !taken.has(newId) ? newId : copyId(pending.flow.id, taken);
            void run('duplicate the flow', `Duplicated as “${name || free}”.`, () =>
              actions.duplicate(pending.flow.id, free, name || `${pending.flow.name} (copy)`),
            );
          }}
        />
      )}
      {pending?.kind === 'delete' && (
        <ChoiceDialog
          title={`Delete “${pending.flow.name || pending.flow.id}”?`}
          onCancel={() => setPending(null)}
          choices={[
            { label: 'Keep it', onChoose: () => setPending(null) },
            {
              label: 'Delete the flow',
              tone: 'danger',
              onChoose: () =>
                void run('delete the flow', `Deleted “${pending.flow.name || pending.flow.id}”.`, () => actions.remove(pending.flow.id)),
            },
          ]}
        >
          <p>Its draft and tests are removed. Published versions stay in the history of the server.</p>
        </ChoiceDialog>
      )}
      {pending?.kind === 'unpublish' && (
        <ChoiceDialog
          title={`Unpublish “${pending.flow.name || pending.flow.id}”?`}
          onCancel={() => setPending(null)}
          choices={[
            { label: 'Keep it live', onChoose: () => setPending(null) },
            {
              label: 'Unpublish',
              tone: 'danger',
              onChoose: () =>
                void run('unpublish the flow', `“${pending.flow.name || pending.flow.id}” is no longer live.`, () =>
                  actions.unpublish(pending.flow.id),
                ),
            },
          ]}
        >
          <p>New conversations no longer start it. Conversations already in it finish on their version. The draft stays.</p>
        </ChoiceDialog>
      )}
    </main>
  );
}

function Row({ flow: f, onOpen, onAction }: { flow: FlowRow; onOpen: (id: string) => void; onAction: (kind: Pending['kind']) => void }) {
  const errors = f.issues?.filter((i) => i.severity === 'error').length ?? 0;
  const blocked = deleteBlocked(f);
  const reasonId = useId();
  const name = f.name || f.id;
  return (
    <tr data-flow={f.id}>
      <td>
        <button type="button" className="link" onClick={() => onOpen(f.id)}>
          {name}
        </button>{' '}
        <code className="flow-id">{f.id}</code>
      </td>
      <td>
        <span className={`flow-status ${f.publishedVersion == null ? 'draft' : 'live'}`}>{liveLabel(f)}</span>
      </td>
      <td>{errors ? `${errors} to fix` : 'None'}</td>
      <td>
        <div className="row-actions">
          <button type="button" onClick={() => onAction('rename')} aria-label={`Rename ${name}`} title="Rename">
            <PencilLine size={15} aria-hidden="true" />
          </button>
          <button type="button" onClick={() => onAction('duplicate')} aria-label={`Duplicate ${name}`} title="Duplicate">
            <Copy size={15} aria-hidden="true" />
          </button>
          {f.publishedVersion != null && (
            <button type="button" onClick={() => onAction('unpublish')} aria-label={`Unpublish ${name}`} title="Unpublish">
              <CircleStop size={15} aria-hidden="true" />
            </button>
          )}
          <button
            type="button"
            className="danger"
            disabled={!!blocked}
            onClick={() => onAction('delete')}
            aria-label={`Delete ${name}`}
            title={blocked ?? 'Delete'}
            aria-describedby={blocked ? reasonId : undefined}
          >
            <Trash2 size={15} aria-hidden="true" />
          </button>
          {blocked && (
            <span id={reasonId} className="delete-reason">
              {blocked}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

function NewFlowForm({ api, onCreated }: { api: ApiClient; onCreated: (id: string) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [lang, setLang] = useState('en');
  const [createError, setCreateError] = useState<string | null>(null);
  const flowId = idFromName(name);
  const create = async () => {
    setCreateError(null);
    if (!flowId) {
      setCreateError('Give the flow a name that starts with a letter.');
      return;
    }
    const languages = lang.split(/[,\s]+/).filter(Boolean);
    const flow: Flow = {
      id: flowId,
      name: name.trim(),
      specVersion: SPEC_VERSION,
      revision: 0,
      languages: languages.length ? languages : ['en'],
      start: '',
      nodes: [],
    };
    try {
      await api.createFlow(flow, { flowId, positions: {} });
      onCreated(flowId);
    } catch (e) {
      setCreateError(
        e instanceof ApiError && e.status === 409
          ? `A flow called “${flowId}” already exists.`
          : e instanceof ApiError
            ? e.message
            : 'Could not create the flow.',
      );
    }
  };
  return (
    <form
      className="card new-flow"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
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
      {createError && (
        <p className="field-issues error" role="alert">
          {createError}
        </p>
      )}
      <button type="submit" className="primary">
        Create flow
      </button>
    </form>
  );
}
