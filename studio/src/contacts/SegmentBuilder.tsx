/**
 * The segment builder: conditions joined by all/any (one level of groups), a live count of who
 * matches and how many may receive marketing, and Save as a named segment. A server refusal is
 * shown next to the condition its path names; other refusals above the conditions.
 */
import { useId, useState } from 'react';
import { FolderPlus, Plus, Save } from 'lucide-react';
import type { CustomFieldDefinition, Segment, SegmentFilter, SimpleCondition } from '@parley/contract';
import { ApiError } from '../api/client';
import { segmentIdFromName, type ContactsApi } from '../api/contacts';
import { ConditionEditor } from './ConditionEditor';
import { cleanFilter, firstIncomplete, KIND_LABEL, newCondition, type ConditionKind, type ErrorTarget } from './filter';
import { formatCount, plural } from './format';
import { useLivePreview, type LivePreview } from './useLivePreview';

interface Props {
  api: ContactsApi;
  fields: CustomFieldDefinition[];
  filter: SegmentFilter;
  onChange: (filter: SegmentFilter) => void;
  /** The saved segment being edited (Save keeps its id), or null for a new filter. */
  segment: Pick<Segment, 'id' | 'name'> | null;
  onSaved: (segment: Segment) => void;
  debounceMs?: number;
}

type Condition = SegmentFilter['conditions'][number];

export function SegmentBuilder({ api, fields, filter, onChange, segment, onSaved, debounceMs }: Props) {
  const id = useId();
  const preview = useLivePreview(api, filter, fields, debounceMs);
  const target = preview.state === 'refused' ? preview.target : null;
  const setConditions = (conditions: Condition[]) => onChange({ ...filter, conditions });
  const replace = (i: number, c: Condition) => setConditions(filter.conditions.map((x, j) => (j === i ? c : x)));
  const remove = (i: number) => setConditions(filter.conditions.filter((_, j) => j !== i));
  const errorFor = (t: ErrorTarget) =>
    target && preview.state === 'refused' && target.index === t.index && target.inner === t.inner ? preview.message : undefined;
  const hintFor = (i: number) => (preview.state === 'waiting' && preview.index === i ? preview.reason : undefined);

  return (
    <section className="seg-builder card" aria-labelledby={`${id}-title`}>
      <div className="seg-head">
        <h2 id={`${id}-title`}>{segment ? `Segment: ${segment.name}` : 'Filter contacts'}</h2>
        <MatchSelect
          id={`${id}-match`}
          label="Contacts matching"
          value={filter.match}
          onChange={(match) => onChange({ ...filter, match })}
        />
      </div>
      {preview.state === 'refused' && !target && (
        <p className="field-issues error" role="alert">
          {preview.message}
        </p>
      )}
      {filter.conditions.length === 0 && <p className="help">No conditions: every contact. Add one to narrow the list.</p>}
      <ol className="seg-conditions">
        {filter.conditions.map((c, i) => (
          <li key={i}>
            {'group' in c ? (
              <GroupEditor
                label={`Group ${i + 1}`}
                group={c.group}
                fields={fields}
                onChange={(group) => replace(i, { group })}
                onRemove={() => remove(i)}
                errorFor={(inner) => errorFor({ index: i, inner })}
                groupError={errorFor({ index: i })}
                hint={hintFor(i)}
              />
            ) : (
              <ConditionEditor
                label={`Condition ${i + 1}`}
                condition={c}
                fields={fields}
                onChange={(next) => replace(i, next)}
                onRemove={() => remove(i)}
                error={errorFor({ index: i })}
                hint={hintFor(i)}
              />
            )}
          </li>
        ))}
      </ol>
      <div className="seg-add">
        <AddCondition label="Add condition" onAdd={(k) => setConditions([...filter.conditions, newCondition(k)])} />
        <button
          type="button"
          onClick={() => setConditions([...filter.conditions, { group: { match: 'any', conditions: [newCondition('tag')] } }])}
        >
          <FolderPlus size={14} aria-hidden="true" /> Add group
        </button>
      </div>
      <LiveCount preview={preview} />
      <SaveSegment api={api} filter={filter} fields={fields} segment={segment} onSaved={onSaved} />
    </section>
  );
}

function MatchSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: 'all' | 'any';
  onChange: (v: 'all' | 'any') => void;
}) {
  return (
    <span className="seg-match">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as 'all' | 'any')}>
        <option value="all">all conditions</option>
        <option value="any">any condition</option>
      </select>
    </span>
  );
}

function AddCondition({ label, onAdd }: { label: string; onAdd: (k: ConditionKind) => void }) {
  const id = useId();
  const [kind, setKind] = useState<ConditionKind>('field');
  return (
    <span className="seg-add-one">
      <label className="sr-only" htmlFor={id}>
        Kind of condition to add
      </label>
      <select id={id} value={kind} onChange={(e) => setKind(e.target.value as ConditionKind)}>
        {(Object.keys(KIND_LABEL) as ConditionKind[]).map((k) => (
          <option key={k} value={k}>
            {KIND_LABEL[k]}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onAdd(kind)}>
        <Plus size={14} aria-hidden="true" /> {label}
      </button>
    </span>
  );
}

interface GroupProps {
  label: string;
  group: { match: 'all' | 'any'; conditions: SimpleCondition[] };
  fields: CustomFieldDefinition[];
  onChange: (g: GroupProps['group']) => void;
  onRemove: () => void;
  errorFor: (inner: number) => string | undefined;
  groupError?: string;
  hint?: string;
}

function GroupEditor({ label, group, fields, onChange, onRemove, errorFor, groupError, hint }: GroupProps) {
  const id = useId();
  const set = (conditions: SimpleCondition[]) => onChange({ ...group, conditions });
  return (
    <fieldset className="seg-group">
      <legend>{label}</legend>
      <div className="seg-head">
        <MatchSelect id={`${id}-match`} label="Match" value={group.match} onChange={(match) => onChange({ ...group, match })} />
        <button type="button" className="danger" onClick={onRemove}>
          Remove {label.toLowerCase()}
        </button>
      </div>
      {groupError && (
        <p className="field-issues error" role="alert">
          {groupError}
        </p>
      )}
      {hint && <p className="help">{hint}</p>}
      <ol className="seg-conditions">
        {group.conditions.map((c, j) => (
          <li key={j}>
            <ConditionEditor
              label={`Condition ${j + 1} of ${label.toLowerCase()}`}
              condition={c}
              fields={fields}
              onChange={(next) => set(group.conditions.map((x, k) => (k === j ? next : x)))}
              onRemove={() => set(group.conditions.filter((_, k) => k !== j))}
              error={errorFor(j)}
            />
          </li>
        ))}
      </ol>
      <AddCondition label="Add to group" onAdd={(k) => set([...group.conditions, newCondition(k)])} />
    </fieldset>
  );
}

function LiveCount({ preview }: { preview: LivePreview }) {
  let text: string;
  let took: string | null = null;
  switch (preview.state) {
    case 'idle':
    case 'counting':
      text = 'Counting…';
      break;
    case 'waiting':
      text = `Finish condition ${preview.index + 1} to see the count.`;
      break;
    case 'refused':
      text = 'Not counted: fix the condition marked in red.';
      if (!preview.target) text = 'Not counted.';
      break;
    case 'counted':
      text = `${plural(preview.result.count, 'contact')} · ${formatCount(preview.result.consented)} can receive marketing`;
      took = `Counted in ${formatCount(Math.round(preview.result.tookMs))} ms`;
  }
  return (
    <div className="seg-count" role="status" aria-live="polite" data-state={preview.state}>
      <strong>{text}</strong>
      {took && <span className="help">{took}</span>}
    </div>
  );
}

function SaveSegment({ api, filter, fields, segment, onSaved }: Omit<Props, 'onChange' | 'debounceMs'>) {
  const id = useId();
  const [name, setName] = useState(segment?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const missing = firstIncomplete(filter, fields);
  const save = async () => {
    const n = name.trim();
    if (!n) return setMessage({ ok: false, text: 'Give the segment a name.' });
    if (missing) return setMessage({ ok: false, text: `Finish condition ${missing.index + 1} first: ${missing.reason}` });
    setBusy(true);
    try {
      const { segment: saved } = await api.saveSegment(segment?.id ?? segmentIdFromName(n), n, cleanFilter(filter));
      setMessage({ ok: true, text: `Saved “${saved.name}”.` });
      onSaved(saved);
    } catch (e) {
      setMessage({ ok: false, text: `Not saved: ${e instanceof ApiError ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="seg-save"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`${id}-name`}>Segment name</label>
      <input id={`${id}-name`} value={name} placeholder="e.g. Lapsed buyers" onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="primary" disabled={busy}>
        <Save size={14} aria-hidden="true" /> {segment ? 'Save segment' : 'Save as segment'}
      </button>
      {message && (
        <span className={message.ok ? 'ok' : 'field-issues error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </form>
  );
}
