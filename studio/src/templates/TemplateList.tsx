/**
 * The templates at a glance: per template its category, every language's status badge, Meta's
 * quality rating, whether the file changed since it was submitted, and how many problems it has;
 * a search, and a form to start a new template.
 */
import { useId, useState } from 'react';
import { Plus, Search } from 'lucide-react';
import type { TemplateSummary } from '@parley/contract/api';
import { TEMPLATE_NAME_PATTERN } from '@parley/templates';
import { StatusBadges } from './StatusBadges';
import { qualityLabel } from './status';

interface Props {
  templates: TemplateSummary[] | null;
  error: string | null;
  onOpen: (name: string) => void;
  onCreate: (name: string) => void;
}

const CATEGORY_LABEL: Record<string, string> = { marketing: 'Marketing', utility: 'Utility', authentication: 'Authentication' };

export function categoryLabel(category: string): string {
  return CATEGORY_LABEL[category] ?? category;
}

export function TemplateList({ templates, error, onOpen, onCreate }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = (templates ?? []).filter((t) => !q || t.name.includes(q) || (t.description ?? '').toLowerCase().includes(q));
  return (
    <div className="flow-list-body tpl-list-body">
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {templates === null ? (
        !error && <p>Loading templates…</p>
      ) : templates.length === 0 ? (
        <section className="empty-state" role="note">
          <h2>No templates yet.</h2>
          <p>
            A template is a message Meta approved in advance: the only kind a flow may send once the customer&apos;s 24-hour window has
            closed. Start one below; submit it to Meta when it is ready.
          </p>
        </section>
      ) : (
        <section aria-labelledby={`${id}-caption`}>
          <div className="flow-list-head">
            <h2 id={`${id}-caption`}>Message templates</h2>
            <div className="flow-search" role="search">
              <Search size={14} aria-hidden="true" />
              <label htmlFor={`${id}-q`} className="sr-only">
                Search templates
              </label>
              <input id={`${id}-q`} type="search" placeholder="Search templates" value={query} onChange={(e) => setQuery(e.target.value)} />
            </div>
          </div>
          {shown.length === 0 ? (
            <p role="status">No template matches “{query}”.</p>
          ) : (
            <table className="tpl-table">
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status per language</th>
                  <th scope="col">Quality</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((t) => (
                  <Row key={t.name} template={t} onOpen={onOpen} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <NewTemplateForm taken={(templates ?? []).map((t) => t.name)} onCreate={onCreate} />
    </div>
  );
}

function Row({ template: t, onOpen }: { template: TemplateSummary; onOpen: (name: string) => void }) {
  const errors = t.issues.filter((i) => i.severity === 'error').length;
  const warnings = t.issues.length - errors;
  const changed = t.languages.filter((l) => l.changed && l.status !== 'not_submitted').map((l) => l.language);
  const rated = t.languages.filter((l) => l.quality && l.quality !== 'unknown');
  return (
    <tr data-template={t.name}>
      <td>
        <button type="button" className="link" onClick={() => onOpen(t.name)}>
          {t.name}
        </button>
        {t.description && <p className="help tpl-desc">{t.description}</p>}
        {changed.length > 0 && <p className="tpl-changed">Changed since submitted: {changed.join(', ')}</p>}
      </td>
      <td>{categoryLabel(t.category)}</td>
      <td>
        <StatusBadges languages={t.languages} />
      </td>
      <td className="tpl-quality">
        {rated.length === 0
          ? qualityLabel(undefined)
          : rated.map((l) => (
              <span key={l.language} className={`quality-${l.quality}`}>
                {l.language}: {qualityLabel(l.quality)}
              </span>
            ))}
      </td>
      <td>
        {errors ? `${errors} to fix` : 'None'}
        {warnings > 0 && (
          <span className="help">
            {' '}
            · {warnings} warning{warnings > 1 ? 's' : ''}
          </span>
        )}
      </td>
    </tr>
  );
}

function NewTemplateForm({ taken, onCreate }: { taken: string[]; onCreate: (name: string) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = () => {
    const n = name.trim();
    if (!TEMPLATE_NAME_PATTERN.test(n)) return setError('Use lowercase letters, digits and _ only, e.g. order_update.');
    if (taken.includes(n)) return setError(`There is already a template called ${n}.`);
    setError(null);
    onCreate(n);
  };
  return (
    <form
      className="card new-flow"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <h2>New template</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder="e.g. order_update"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={`${id}-help`} className="help">
          Meta&apos;s name for it; cannot change after it is submitted. File: templates/{name.trim() || '<name>'}.template.json
        </p>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-issues error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        <Plus size={14} aria-hidden="true" /> Create template
      </button>
    </form>
  );
}
