/**
 * A contact's editable attributes: name, language, time zone, tags and the tenant's custom fields
 * with an input for each type. Save sends only what changed (PATCH); the server's refusal shows
 * under the form with its words (it names the field).
 */
import { useId, useState } from 'react';
import type { ContactRecord, CustomFieldDefinition, CustomFieldValue } from '@parley/contract';
import type { ContactPatchBody } from '@parley/contract/api';

interface Props {
  contact: ContactRecord;
  fields: CustomFieldDefinition[];
  onSave: (patch: ContactPatchBody) => Promise<void>;
}

interface Draft {
  name: string;
  language: string;
  timezone: string;
  tags: string;
  fields: Record<string, string>;
}

const toDraft = (c: ContactRecord): Draft => ({
  name: c.name ?? '',
  language: c.language ?? '',
  timezone: c.timezone ?? '',
  tags: c.tags.join(', '),
  fields: Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, String(v)])),
});

const splitTags = (s: string) => [
  ...new Set(
    s
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** A custom field's text from its input as the type's value; undefined when empty; a string message when it is not one. */
function typed(def: CustomFieldDefinition, text: string): CustomFieldValue | undefined | { problem: string } {
  if (text === '') return undefined;
  if (def.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : { problem: `${def.label} must be a number.` };
  }
  if (def.type === 'boolean') return text === 'true';
  return text;
}

/** What changed between the record and the form, as a PATCH body; or the first problem. */
function patchFrom(contact: ContactRecord, draft: Draft, defs: CustomFieldDefinition[]): ContactPatchBody | string {
  const patch: ContactPatchBody = {};
  if (draft.name.trim() !== (contact.name ?? '')) patch.name = draft.name.trim();
  if (draft.language.trim() !== (contact.language ?? '')) patch.language = draft.language.trim();
  if (draft.timezone.trim() !== (contact.timezone ?? '')) patch.timezone = draft.timezone.trim();
  const tags = splitTags(draft.tags);
  if (JSON.stringify(tags) !== JSON.stringify(contact.tags)) patch.tags = tags;
  const fields: Record<string, CustomFieldValue> = {};
  let changed = false;
  for (const def of defs) {
    const value = typed(def, draft.fields[def.key] ?? '');
    if (typeof value === 'object') return value.problem;
    if (value !== contact.fields[def.key]) changed = true;
    if (value !== undefined) fields[def.key] = value;
  }
  // Fields the tenant no longer declares are kept as they are.
  for (const [k, v] of Object.entries(contact.fields)) if (!defs.some((d) => d.key === k)) fields[k] = v;
  if (changed) patch.fields = fields;
  return patch;
}

export function ContactFieldsForm({ contact, fields, onSave }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(() => toDraft(contact));
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = patchFrom(contact, draft, fields);
  const dirty = typeof patch === 'string' || Object.keys(patch).length > 0;
  const set = (k: keyof Omit<Draft, 'fields'>) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const setField = (k: string, v: string) => setDraft({ ...draft, fields: { ...draft.fields, [k]: v } });

  const save = async () => {
    if (typeof patch === 'string') return setState({ ok: false, text: patch });
    setBusy(true);
    try {
      await onSave(patch);
      setState({ ok: true, text: 'Saved.' });
    } catch (e) {
      setState({ ok: false, text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card contact-fields"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-title`}>Details</h2>
      <div className="contact-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={draft.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <input id={`${id}-language`} value={draft.language} placeholder="e.g. en, pt_BR" onChange={set('language')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-timezone`}>Time zone</label>
          <input id={`${id}-timezone`} value={draft.timezone} placeholder="e.g. Europe/Lisbon" onChange={set('timezone')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>Tags</label>
          <input id={`${id}-tags`} value={draft.tags} aria-describedby={`${id}-tags-help`} onChange={set('tags')} />
          <p id={`${id}-tags-help`} className="help">
            Separated by commas.
          </p>
        </div>
        {fields.map((def) => (
          <CustomField
            key={def.key}
            id={`${id}-f-${def.key}`}
            def={def}
            value={draft.fields[def.key] ?? ''}
            onChange={(v) => setField(def.key, v)}
          />
        ))}
      </div>
      <div className="modal-actions">
        <button type="submit" className="primary" disabled={!dirty || busy}>
          Save details
        </button>
        {state && (
          <span className={state.ok ? 'ok' : 'field-issues error'} role={state.ok ? 'status' : 'alert'}>
            {state.text}
          </span>
        )}
      </div>
    </form>
  );
}

function CustomField({
  id,
  def,
  value,
  onChange,
}: {
  id: string;
  def: CustomFieldDefinition;
  value: string;
  onChange: (v: string) => void;
}) {
  const label = <label htmlFor={id}>{def.label}</label>;
  if (def.type === 'boolean' || def.type === 'choice') {
    const options =
      def.type === 'boolean' ? [['true', 'Yes'] as const, ['false', 'No'] as const] : (def.choices ?? []).map((c) => [c, c] as const);
    return (
      <div className="field">
        {label}
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Not set</option>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div className="field">
      {label}
      <input
        id={id}
        type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : 'text'}
        step={def.type === 'number' ? 'any' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
