/**
 * Editing one template: its category and description, the parameters table, one tab per language
 * (header, body, footer, buttons) with the WhatsApp-style preview beside it, the problems found
 * as you type, Save, and Submit to Meta. Statuses come from the page's live list, so a badge
 * turns when Meta decides, without a reload.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { ArrowLeft, Save, Send } from 'lucide-react';
import { TEMPLATE_CATEGORIES } from '@parley/contract';
import type { TemplateSummary } from '@parley/contract/api';
import type { TemplateFile } from '@parley/templates';
import type { TemplatesApi } from '../api/templates';
import type { GuardedWork } from '../app/useUnsavedGuard';
import { addLanguage, newTemplate, removeLanguage, setCategory, setDescription } from './draft';
import { Field, FieldIssues } from './Field';
import { errorCount, issueLocation, issueProblem, issuesAt, pointer } from './issues';
import { LanguageEditor } from './LanguageEditor';
import { LanguageTabs } from './LanguageTabs';
import { ParametersEditor } from './ParametersEditor';
import { Preview } from './Preview';
import { StatusBadges } from './StatusBadges';
import { needsSubmit, statusLabel } from './status';
import { categoryLabel } from './TemplateList';
import { useTemplateDraft } from './useTemplateDraft';

interface Props {
  api: TemplatesApi;
  name: string;
  /** A template started from the list, not on the server yet. */
  fresh: TemplateFile | null;
  /** This template's row in the page's live list (statuses as Meta changes them). */
  live: TemplateSummary | undefined;
  guard: (work: GuardedWork | null) => void;
  onBack: () => void;
  /** After a save or a submit: the page reloads its list. */
  onChanged: () => void;
}

export function TemplateEditor({ api, name, fresh, live, guard, onBack, onChanged }: Props) {
  const id = useId();
  const d = useTemplateDraft(api, name, fresh);
  const [active, setActive] = useState<string | null>(null);
  const { template, issues, dirty, save } = d;

  useEffect(() => guard({ dirty, save }), [guard, dirty, save]);
  useEffect(() => () => guard(null), [guard]);

  if (d.loadError)
    return (
      <EditorFrame
        name={name}
        onBack={onBack}
        body={
          <p className="field-issues error" role="alert">
            {d.loadError}
          </p>
        }
      />
    );
  if (d.missing)
    return (
      <EditorFrame
        name={name}
        onBack={onBack}
        body={
          <div className="card">
            <p>There is no template called {name} on the server.</p>
            <button type="button" className="primary" onClick={() => d.start(newTemplate(name))}>
              Start {name}
            </button>
          </div>
        }
      />
    );
  if (!template)
    return (
      <main className="loading" aria-busy="true">
        Opening {name}…
      </main>
    );

  const languages = Object.keys(template.languages);
  const shown = active && languages.includes(active) ? active : (languages[0] ?? null);
  const summary = live ?? d.summary;
  const rows = summary?.languages ?? [];
  const errors = errorCount(issues);
  const submitBlocker = dirty
    ? 'Save first: Meta gets the saved file.'
    : errors
      ? 'Fix the problems first.'
      : !summary
        ? 'Save first.'
        : !needsSubmit(summary)
          ? 'Nothing to submit: Meta has every language as it is saved.'
          : null;

  const submit = async () => {
    const res = await d.submit();
    if (res) onChanged();
  };

  return (
    <EditorFrame
      name={name}
      onBack={onBack}
      badges={summary && <StatusBadges languages={summary.languages} />}
      actions={
        <>
          <span className="save-state">
            {d.busy === 'saving' ? 'Saving…' : d.busy === 'submitting' ? 'Submitting…' : dirty ? 'Unsaved changes' : 'Saved'}
          </span>
          <button
            type="button"
            className="primary"
            disabled={!dirty || !!d.busy}
            onClick={() => void save().then((ok) => ok && onChanged())}
          >
            <Save size={14} aria-hidden="true" /> Save
          </button>
          <button
            type="button"
            disabled={!!submitBlocker || !!d.busy}
            title={submitBlocker ?? 'Send the new and changed languages to Meta for review'}
            aria-describedby={submitBlocker ? `${id}-why` : undefined}
            onClick={() => void submit()}
          >
            <Send size={14} aria-hidden="true" /> Submit to Meta
          </button>
          {submitBlocker && (
            <span id={`${id}-why`} className="sr-only">
              {submitBlocker}
            </span>
          )}
        </>
      }
      body={
        <div className="tpl-editor">
          <div className="tpl-form">
            {d.notice && (
              <p className={`banner ${d.notice.ok ? 'ok' : 'error'}`} role={d.notice.ok ? 'status' : 'alert'}>
                {d.notice.text}
              </p>
            )}
            {issues.length > 0 && (
              <details className="tpl-problems" open={errors > 0}>
                <summary>
                  {errors} problem{errors === 1 ? '' : 's'} to fix
                  {issues.length > errors ? `, ${issues.length - errors} warning${issues.length - errors === 1 ? '' : 's'}` : ''}
                </summary>
                <ul className="field-issues">
                  {issues.map((i, n) => (
                    <li key={n} className={i.severity}>
                      <strong>{issueLocation(i)}:</strong> {issueProblem(i)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <section className="tpl-section" aria-labelledby={`${id}-about`}>
              <h2 id={`${id}-about`}>Template</h2>
              <div className="field">
                <label htmlFor={`${id}-category`}>Category</label>
                <select
                  id={`${id}-category`}
                  value={template.category}
                  onChange={(e) =>
                    d.edit(setCategory(template, TEMPLATE_CATEGORIES.find((c) => c === e.target.value) ?? template.category))
                  }
                >
                  {TEMPLATE_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {categoryLabel(c)}
                    </option>
                  ))}
                </select>
                <p className="help">
                  Marketing: offers and reminders (bulk lane). Utility: about an order or booking. Authentication: one-time codes.
                </p>
                <FieldIssues issues={issuesAt(issues, pointer('category'))} />
              </div>
              <Field
                label="Description (for your team; Meta does not see it)"
                at={pointer('description')}
                issues={issues}
                value={template.description ?? ''}
                onChange={(v) => d.edit(setDescription(template, v))}
              />
              <FieldIssues issues={issuesAt(issues, pointer('name'))} />
            </section>
            <ParametersEditor template={template} issues={issues} onChange={d.edit} />
            {shown ? (
              <LanguageTabs
                languages={languages}
                active={shown}
                rows={rows}
                issues={issues}
                onSelect={setActive}
                onAdd={(lang) => {
                  d.edit(addLanguage(template, lang, shown));
                  setActive(lang);
                }}
                onRemove={(lang) => d.edit(removeLanguage(template, lang))}
              >
                <LanguageEditor template={template} language={shown} issues={issues} onChange={d.edit} />
              </LanguageTabs>
            ) : (
              <button type="button" onClick={() => d.edit(addLanguage(template, 'en'))}>
                Add English
              </button>
            )}
          </div>
          {shown && (
            <aside className="tpl-side" aria-label="Preview">
              <h2>Preview · {shown}</h2>
              <LanguageState summary={summary} language={shown} />
              <Preview template={template} language={shown} />
            </aside>
          )}
        </div>
      }
    />
  );
}

function LanguageState({ summary, language }: { summary: TemplateSummary | null | undefined; language: string }) {
  const row = summary?.languages.find((r) => r.language === language);
  if (!row) return <p className="help">Not saved yet.</p>;
  return (
    <p className="help tpl-lang-state">
      Meta: {statusLabel(row.status)}
      {row.reason ? ` — ${row.reason}` : ''}
      {row.changed && row.status !== 'not_submitted' ? '. The file changed since it was submitted.' : ''}
    </p>
  );
}

interface FrameProps {
  name: string;
  onBack: () => void;
  badges?: ReactNode;
  actions?: ReactNode;
  body: ReactNode;
}

function EditorFrame({ name, onBack, badges, actions, body }: FrameProps) {
  return (
    <main className="tpl-page">
      <header className="toolbar">
        <button type="button" onClick={onBack}>
          <ArrowLeft size={14} aria-hidden="true" /> All templates
        </button>
        <h1 className="flow-title">{name}</h1>
        {badges}
        <span className="spacer" />
        {actions}
      </header>
      {body}
    </main>
  );
}
