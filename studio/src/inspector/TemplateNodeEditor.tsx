/**
 * The template node's editor (t11): pick a template from the catalogue (approved ones first,
 * the others marked with their status), a language it has, map each named parameter to text or
 * an expression (with `{{` autocomplete), and see the message as WhatsApp would show it, filled
 * with the flow's variable defaults or the template's examples. Without a catalogue (no templates
 * on the server) name and language are typed, as before.
 */
import { useId, useMemo } from 'react';
import { X } from 'lucide-react';
import type { Flow, TemplateNode } from '@parley/flow';
import { renderPreview, type RenderedPreview, type TemplateFile } from '@parley/templates';
import { useForm } from './context';
import { TemplateInput } from './TemplateInput';
import { TemplateBubble } from './TemplateBubble';
import { findEntry, languageStatus, pickerOrder, statusLabel, useTemplateCatalog, words, type CatalogEntry } from './templateCatalog';
import { previewValues, type PreviewSource } from './templatePreviewValues';
import './template-node.css';

interface Props {
  node: TemplateNode;
  flow: Flow;
  onChange: (node: TemplateNode, field?: string) => void;
}

const SOURCE_WORDS: Record<PreviewSource, string> = {
  literal: 'as typed',
  variables: 'from the variables’ defaults',
  fallback: 'the fallback',
  example: 'the template’s example',
};

export function TemplateNodeEditor({ node, flow, onChange }: Props) {
  const ctx = useForm();
  const catalog = useTemplateCatalog();
  const id = useId();
  const entry = findEntry(catalog, node.name);
  const values = node.values ?? {};

  const setValues = (next: Record<string, string>) => {
    const copy: TemplateNode = { ...node };
    if (Object.keys(next).length) copy.values = next;
    else delete copy.values;
    onChange(copy, 'values');
  };
  const setValue = (param: string, v: string) => {
    const next = { ...values };
    if (v === '') delete next[param];
    else next[param] = v;
    setValues(next);
  };

  const pick = (name: string) => {
    const chosen = findEntry(catalog, name);
    const next: TemplateNode = { ...node, name };
    if (chosen) {
      const langs = chosen.summary.languages.map((l) => l.language);
      if (!langs.includes(node.language)) next.language = langs.find((l) => flow.languages.includes(l)) ?? langs[0] ?? node.language;
      // Keep the mappings the new template also has; the others would be "extra parameter" errors.
      const kept = Object.fromEntries(Object.entries(values).filter(([k]) => k in chosen.summary.parameters));
      if (Object.keys(kept).length) next.values = kept;
      else delete next.values;
    }
    onChange(next, 'name');
  };

  return (
    <div className="template-node-editor">
      <div className="field">
        <label htmlFor={`${id}-name`}>
          Template<span aria-hidden="true"> *</span>
        </label>
        {catalog.state === 'ready' ? (
          <TemplatePicker id={`${id}-name`} entries={catalog.entries} value={node.name} onChange={pick} />
        ) : (
          <input
            id={`${id}-name`}
            className="mono"
            value={node.name}
            onChange={(e) => onChange({ ...node, name: e.target.value }, 'name')}
          />
        )}
        <p className="help">
          {catalog.state === 'ready'
            ? 'Templates from the Templates page; only approved ones can be sent.'
            : catalog.state === 'loading'
              ? 'Loading the templates…'
              : 'As approved in WhatsApp Manager (lowercase, underscores).'}
        </p>
        <Issues list={ctx.issuesAt('/name')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lang`}>
          Language<span aria-hidden="true"> *</span>
        </label>
        {entry ? (
          <select id={`${id}-lang`} value={node.language} onChange={(e) => onChange({ ...node, language: e.target.value }, 'language')}>
            {entry.summary.languages.map((l) => (
              <option key={l.language} value={l.language}>
                {l.language} — {words(l.status)}
              </option>
            ))}
            {!entry.summary.languages.some((l) => l.language === node.language) && (
              <option value={node.language}>{node.language} (the template has no such language)</option>
            )}
          </select>
        ) : (
          <input
            id={`${id}-lang`}
            className="mono"
            value={node.language}
            onChange={(e) => onChange({ ...node, language: e.target.value }, 'language')}
          />
        )}
        {entry && <LanguageStatus entry={entry} language={node.language} />}
        <Issues list={ctx.issuesAt('/language')} />
      </div>
      {node.params && (
        <div className="notice legacy-params" role="note">
          This step passes positional parameters (the older way, without types or fallbacks).{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              const next: TemplateNode = { ...node };
              delete next.params;
              onChange(next, 'params');
            }}
          >
            Map named parameters instead
          </button>
        </div>
      )}
      <ParameterRows entry={entry} values={values} variables={ctx.variables} onValue={setValue} issuesAt={ctx.issuesAt} />
      {entry?.file && <MessagePreview file={entry.file} language={node.language} flow={flow} values={values} />}
    </div>
  );
}

function TemplatePicker({
  id,
  entries,
  value,
  onChange,
}: {
  id: string;
  entries: CatalogEntry[];
  value: string;
  onChange: (v: string) => void;
}) {
  const ordered = pickerOrder(entries);
  const approved = ordered.filter((e) => e.summary.languages.some((l) => l.status === 'approved'));
  const others = ordered.filter((e) => !approved.includes(e));
  const known = entries.some((e) => e.summary.name === value);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{value ? `${value} (not on the Templates page)` : '— choose a template —'}</option>}
      {approved.length > 0 && (
        <optgroup label="Approved">
          {approved.map((e) => (
            <option key={e.summary.name} value={e.summary.name}>
              {e.summary.name}
              {statusLabel(e.summary) === 'approved' ? '' : ` (${statusLabel(e.summary)})`}
            </option>
          ))}
        </optgroup>
      )}
      {others.length > 0 && (
        <optgroup label="Not approved yet">
          {others.map((e) => (
            <option key={e.summary.name} value={e.summary.name}>
              {e.summary.name} ({statusLabel(e.summary)})
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}

function LanguageStatus({ entry, language }: { entry: CatalogEntry; language: string }) {
  const status = languageStatus(entry.summary, language);
  if (!status) return null;
  if (status === 'approved') return <p className="help tpl-status ok">Approved by WhatsApp: it can be sent.</p>;
  return (
    <p className="help tpl-status warning">
      Status: {words(status)}. It cannot be sent until WhatsApp approves it; publishing asks you to confirm.
    </p>
  );
}

function ParameterRows({
  entry,
  values,
  variables,
  onValue,
  issuesAt,
}: {
  entry: CatalogEntry | undefined;
  values: Record<string, string>;
  variables: string[];
  onValue: (param: string, v: string) => void;
  issuesAt: (sub: string) => ReturnType<ReturnType<typeof useForm>['issuesAt']>;
}) {
  const id = useId();
  const declared = entry ? entry.summary.parameters : {};
  const specs = entry?.file?.parameters ?? {};
  const extra = Object.keys(values).filter((k) => !(k in declared));
  const names = Object.keys(declared);
  if (!names.length && !extra.length && !issuesAt('/values').length) return null;
  return (
    <fieldset className="group tpl-params">
      <legend>Parameters</legend>
      <p className="help">Type text, or {'{{'} to insert a variable.</p>
      <Issues list={issuesAt('/values')} />
      {names.map((name) => {
        const p = declared[name]!;
        const spec = specs[name];
        const list = issuesAt(`/values/${name}`);
        return (
          <div key={name} className={`field tpl-param${list.some((i) => i.severity === 'error') ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-${name}`}>
              <span className="mono">{name}</span> <span className="tpl-type">{p.type}</span>{' '}
              {p.optional ? (
                <span className="tpl-optional">
                  optional{spec?.fallback !== undefined ? ` — else “${String(shown(spec.fallback))}”` : ''}
                </span>
              ) : (
                <span className="tpl-required">required</span>
              )}
            </label>
            <TemplateInput
              id={`${id}-${name}`}
              value={values[name] ?? ''}
              onChange={(v) => onValue(name, v)}
              variables={variables}
              placeholder={spec ? `e.g. ${shown(spec.example)}` : undefined}
              invalid={list.some((i) => i.severity === 'error')}
            />
            <Issues list={list} />
          </div>
        );
      })}
      {extra.map((name) => (
        <div key={name} className="field tpl-param has-error">
          <span className="tpl-extra">
            <span className="mono">{name}</span> = <code>{values[name]}</code> —{' '}
            {entry ? 'this template has no such parameter' : 'parameter'}
            <button type="button" className="link danger" aria-label={`Remove parameter ${name}`} onClick={() => onValue(name, '')}>
              <X size={12} aria-hidden="true" /> Remove
            </button>
          </span>
          <Issues list={issuesAt(`/values/${name}`)} />
        </div>
      ))}
    </fieldset>
  );
}

function MessagePreview({
  file,
  language,
  flow,
  values,
}: {
  file: TemplateFile;
  language: string;
  flow: Flow;
  values: Record<string, string>;
}) {
  const result = useMemo((): { preview: RenderedPreview; sources: Record<string, PreviewSource> } | { error: string } => {
    if (!file.languages[language]) return { error: `The template has no “${language}” version to preview.` };
    const { values: filled, sources } = previewValues(flow, file.parameters ?? {}, values);
    try {
      return { preview: renderPreview(file, language, filled), sources };
    } catch (e) {
      return { error: `The preview could not be drawn: ${(e as Error).message}` };
    }
  }, [file, language, flow, values]);
  return (
    <section className="tpl-preview" aria-label="Message preview">
      <h3>Preview</h3>
      {'error' in result ? (
        <p className="help">{result.error}</p>
      ) : (
        <>
          <TemplateBubble preview={result.preview} label={`${file.name} (${language})`} />
          <SourceNote sources={result.sources} />
        </>
      )}
    </section>
  );
}

/** Which values are stand-ins, so nobody mistakes an example for what a customer will get. */
function SourceNote({ sources }: { sources: Record<string, PreviewSource> }) {
  const by = new Map<PreviewSource, string[]>();
  for (const [name, s] of Object.entries(sources)) by.set(s, [...(by.get(s) ?? []), name]);
  const parts = (['example', 'fallback', 'variables'] as const)
    .filter((s) => by.has(s))
    .map((s) => `${by.get(s)!.join(', ')}: ${SOURCE_WORDS[s]}`);
  if (!parts.length) return null;
  return <p className="help tpl-sources">Values shown — {parts.join('; ')}.</p>;
}

function shown(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (typeof o.amount === 'number') return `${o.amount} ${String(o.currency ?? '')}`.trim();
    if (typeof o.latitude === 'number') return `${o.latitude}, ${String(o.longitude)}`;
    return JSON.stringify(v);
  }
  return String(v);
}

function Issues({ list }: { list: ReturnType<ReturnType<typeof useForm>['issuesAt']> }) {
  if (!list.length) return null;
  return (
    <ul className="field-issues">
      {list.map((i, k) => (
        <li key={k} className={i.severity}>
          {i.message}
        </li>
      ))}
    </ul>
  );
}
