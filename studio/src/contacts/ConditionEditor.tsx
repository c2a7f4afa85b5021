/**
 * One condition of the segment builder: what it tests (a contact field, a tag, consent or an
 * activity) and its inputs, each labelled. A server error that names this condition is shown
 * inside it and described on its inputs.
 */
import { useId } from 'react';
import { X } from 'lucide-react';
import type { CustomFieldDefinition, SimpleCondition } from '@parley/contract';
import {
  ACTIVITY_LABEL,
  BUILT_IN_FIELDS,
  KIND_LABEL,
  OP_LABEL,
  activityInputs,
  fieldShape,
  kindOf,
  newCondition,
  valueInputFor,
  type Activity,
  type ActivityCondition,
  type ConditionKind,
  type FieldCondition,
  type FieldOp,
} from './filter';

interface Props {
  /** "Condition 2" or "Condition 1 of group 3": the fieldset's name. */
  label: string;
  condition: SimpleCondition;
  fields: CustomFieldDefinition[];
  onChange: (c: SimpleCondition) => void;
  onRemove: () => void;
  /** The server's refusal naming this condition. */
  error?: string;
  /** Why it is not counted yet. */
  hint?: string;
}

export function ConditionEditor({ label, condition, fields, onChange, onRemove, error, hint }: Props) {
  const id = useId();
  const kind = kindOf(condition);
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`seg-cond${error ? ' has-error' : ''}`} data-kind={kind} aria-invalid={error ? true : undefined}>
      <legend className="sr-only">{label}</legend>
      <div className="seg-cond-row">
        <label className="sr-only" htmlFor={`${id}-kind`}>
          {label}: kind
        </label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => onChange(newCondition(e.target.value as ConditionKind))}
          className="seg-kind"
        >
          {(Object.keys(KIND_LABEL) as ConditionKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        {kind === 'field' && (
          <FieldInputs
            id={id}
            label={label}
            c={condition as FieldCondition}
            fields={fields}
            onChange={onChange}
            describedBy={describedBy}
          />
        )}
        {kind === 'tag' && (
          <TagInputs id={id} label={label} c={condition as FieldCondition} onChange={onChange} describedBy={describedBy} />
        )}
        {'consent' in condition && (
          <>
            <label className="sr-only" htmlFor={`${id}-purpose`}>
              {label}: purpose
            </label>
            <select
              id={`${id}-purpose`}
              value={condition.consent}
              onChange={(e) => onChange({ ...condition, consent: e.target.value as 'marketing' | 'utility' })}
            >
              <option value="marketing">Marketing consent</option>
              <option value="utility">Utility consent</option>
            </select>
            <label className="sr-only" htmlFor={`${id}-is`}>
              {label}: state
            </label>
            <select
              id={`${id}-is`}
              value={condition.is}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ ...condition, is: e.target.value as 'opted_in' | 'opted_out' | 'none' })}
            >
              <option value="opted_in">is opted in</option>
              <option value="opted_out">is opted out</option>
              <option value="none">was never asked</option>
            </select>
          </>
        )}
        {'activity' in condition && <ActivityInputs id={id} label={label} c={condition} onChange={onChange} describedBy={describedBy} />}
        <button type="button" className="seg-remove" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`} title="Remove">
          <X size={14} aria-hidden="true" />
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {!error && hint && (
        <p id={`${id}-hint`} className="help">
          {hint}
        </p>
      )}
    </fieldset>
  );
}

interface InputsProps<C> {
  id: string;
  label: string;
  c: C;
  onChange: (c: SimpleCondition) => void;
  describedBy: string | undefined;
}

function FieldInputs({ id, label, c, fields, onChange, describedBy }: InputsProps<FieldCondition> & { fields: CustomFieldDefinition[] }) {
  const shape = fieldShape(c.field, fields);
  const input = valueInputFor(c, fields);
  const setField = (field: string) => {
    const next = fieldShape(field, fields);
    const op = next.ops.includes(c.op) ? c.op : next.ops[0]!;
    onChange({ field, op, value: next.input === 'boolean' ? true : op === 'older_than_days' || op === 'within_days' ? 30 : '' });
  };
  return (
    <>
      <label className="sr-only" htmlFor={`${id}-field`}>
        {label}: field
      </label>
      <select id={`${id}-field`} value={c.field} onChange={(e) => setField(e.target.value)}>
        {BUILT_IN_FIELDS.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
        {fields.length > 0 && (
          <optgroup label="Custom fields">
            {fields.map((f) => (
              <option key={f.key} value={`fields.${f.key}`}>
                {f.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <label className="sr-only" htmlFor={`${id}-op`}>
        {label}: comparison
      </label>
      <select id={`${id}-op`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as FieldOp })}>
        {shape.ops.map((op) => (
          <option key={op} value={op}>
            {OP_LABEL[op]}
          </option>
        ))}
      </select>
      <ValueField id={id} label={label} c={c} input={input} choices={shape.choices} onChange={onChange} describedBy={describedBy} />
    </>
  );
}

function ValueField({
  id,
  label,
  c,
  input,
  choices,
  onChange,
  describedBy,
}: InputsProps<FieldCondition> & { input: ReturnType<typeof valueInputFor>; choices?: string[] }) {
  if (input === 'none') return null;
  const common = { id: `${id}-value`, 'aria-describedby': describedBy };
  const labelEl = (
    <label className="sr-only" htmlFor={`${id}-value`}>
      {label}: {input === 'days' ? 'days' : 'value'}
    </label>
  );
  if (input === 'boolean')
    return (
      <>
        {labelEl}
        <select {...common} value={String(c.value ?? true)} onChange={(e) => onChange({ ...c, value: e.target.value === 'true' })}>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      </>
    );
  if (input === 'choice')
    return (
      <>
        {labelEl}
        <select {...common} value={String(c.value ?? '')} onChange={(e) => onChange({ ...c, value: e.target.value })}>
          <option value="">Choose…</option>
          {(choices ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </>
    );
  const numeric = input === 'number' || input === 'days';
  return (
    <>
      {labelEl}
      <input
        {...common}
        className={input === 'days' ? 'seg-days' : undefined}
        type={numeric ? 'number' : input === 'date' ? 'date' : 'text'}
        min={input === 'days' ? 1 : undefined}
        value={c.value === undefined ? '' : String(c.value)}
        onChange={(e) => onChange({ ...c, value: numeric && e.target.value !== '' ? Number(e.target.value) : e.target.value })}
      />
      {input === 'days' && <span className="help">days</span>}
    </>
  );
}

function TagInputs({ id, label, c, onChange, describedBy }: InputsProps<FieldCondition>) {
  return (
    <>
      <label className="sr-only" htmlFor={`${id}-op`}>
        {label}: has or lacks
      </label>
      <select id={`${id}-op`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as FieldOp })}>
        <option value="has_tag">has tag</option>
        <option value="lacks_tag">does not have tag</option>
      </select>
      <label className="sr-only" htmlFor={`${id}-value`}>
        {label}: tag
      </label>
      <input
        id={`${id}-value`}
        placeholder="e.g. vip"
        value={String(c.value ?? '')}
        aria-describedby={describedBy}
        onChange={(e) => onChange({ ...c, value: e.target.value })}
      />
    </>
  );
}

const ACTIVITY_INPUT_LABEL = { flow: 'flow id', node: 'step id', button: 'button text or payload', campaign: 'campaign id' } as const;

function ActivityInputs({ id, label, c, onChange, describedBy }: InputsProps<ActivityCondition>) {
  const inputs = activityInputs(c.activity);
  const setActivity = (activity: Activity) => {
    const keep = activityInputs(activity);
    const next: ActivityCondition = { activity };
    for (const k of keep) next[k] = c[k] ?? '';
    if (c.withinDays !== undefined) next.withinDays = c.withinDays;
    if (c.negate) next.negate = true;
    onChange(next);
  };
  return (
    <>
      <label className="sr-only" htmlFor={`${id}-negate`}>
        {label}: did or did not
      </label>
      <select id={`${id}-negate`} value={c.negate ? 'no' : 'yes'} onChange={(e) => onChange({ ...c, negate: e.target.value === 'no' })}>
        <option value="yes">has</option>
        <option value="no">has not</option>
      </select>
      <label className="sr-only" htmlFor={`${id}-activity`}>
        {label}: activity
      </label>
      <select id={`${id}-activity`} value={c.activity} onChange={(e) => setActivity(e.target.value as Activity)}>
        {(Object.keys(ACTIVITY_LABEL) as Activity[]).map((a) => (
          <option key={a} value={a}>
            {ACTIVITY_LABEL[a]}
          </option>
        ))}
      </select>
      {inputs.map((k) => (
        <span key={k} className="seg-activity-input">
          <label className="sr-only" htmlFor={`${id}-${k}`}>
            {label}: {ACTIVITY_INPUT_LABEL[k]}
          </label>
          <input
            id={`${id}-${k}`}
            placeholder={k === 'campaign' && c.activity === 'button_clicked' ? 'in campaign (any)' : ACTIVITY_INPUT_LABEL[k]}
            value={c[k] ?? ''}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ ...c, [k]: e.target.value })}
          />
        </span>
      ))}
      <span className="help">within</span>
      <label className="sr-only" htmlFor={`${id}-within`}>
        {label}: within the last days
      </label>
      <input
        id={`${id}-within`}
        className="seg-days"
        type="number"
        min={1}
        placeholder="any"
        title="Only within the last N days (empty: any time)"
        value={c.withinDays ?? ''}
        onChange={(e) => {
          const { withinDays: _, ...rest } = c;
          onChange(e.target.value ? { ...rest, withinDays: Number(e.target.value) } : rest);
        }}
      />
      <span className="help">days</span>
    </>
  );
}
