/**
 * A form generated from a JSON Schema fragment plus the node editor's UI hints.
 * Emptying an optional field removes its key, so the flow file stays minimal.
 */
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useId } from 'react';
import type { LocalizedText } from '@parley/flow';
import { pointer, useForm } from './context';
import { blankValue, DEF_HELP, hintFor, humanize, orderedProperties, type JsonSchema } from './schema';
import { LocalizedInput } from './LocalizedInput';
import { TemplateInput } from './TemplateInput';
import { KeyValueField, JsonField, RouteTestField, StringListField } from './widgets';

type Path = ReadonlyArray<string | number>;
type Obj = Record<string, unknown>;

/** Fields of an object schema, skipping `skip` (id/type/exits are edited elsewhere). */
export function ObjectFields({
  schema,
  value,
  onChange,
  path,
  skip = [],
}: {
  schema: JsonSchema;
  value: Obj;
  onChange: (v: Obj) => void;
  path: Path;
  skip?: string[];
}) {
  const { hints } = useForm();
  const names = orderedProperties(schema, hints, path).filter((n) => !skip.includes(n));
  const basic = names.filter((n) => !hintFor(hints, [...path, n])?.advanced);
  const advanced = names.filter((n) => hintFor(hints, [...path, n])?.advanced);
  const set = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && !schema.required?.includes(name))) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  const field = (n: string) => (
    <Field
      key={n}
      name={n}
      schema={schema.properties![n]!}
      value={value[n]}
      required={!!schema.required?.includes(n)}
      path={[...path, n]}
      onChange={(v) => set(n, v)}
    />
  );
  return (
    <>
      {basic.map(field)}
      {advanced.length > 0 && (
        <details className="advanced">
          <summary>Advanced</summary>
          {advanced.map(field)}
        </details>
      )}
    </>
  );
}

export function Field({
  name,
  schema,
  value,
  onChange,
  path,
  required,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (v: unknown) => void;
  path: Path;
  required: boolean;
}) {
  const ctx = useForm();
  const hint = hintFor(ctx.hints, path);
  const { widget, schema: s } = ctx.resolver.widgetFor(schema, hint);
  const id = useId();
  const helpId = `${id}-help`;
  const issues = ctx.issuesAt(pointer(path));
  const label = hint?.label ?? s.title ?? humanize(name);
  const defName = ctx.resolver.resolve(schema).defName;
  // A field's own description first; a shared type's developer description is replaced by DEF_HELP.
  const help = hint?.help ?? schema.description ?? (defName ? DEF_HELP[defName] : s.description);
  const describedBy = [help ? helpId : '', issues.length ? `${id}-issues` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = issues.some((i) => i.severity === 'error');
  const str = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  let control: React.ReactNode;
  switch (widget) {
    case 'localized':
      control = (
        <LocalizedInput
          id={id}
          label={label}
          value={value as LocalizedText | undefined}
          onChange={onChange}
          languages={ctx.languages}
          variables={ctx.variables}
          maxLength={hint?.maxLength}
          describedBy={describedBy}
          invalid={invalid}
          multiline={(hint?.maxLength ?? 4096) > 100}
        />
      );
      break;
    case 'template':
    case 'textarea':
      control = (
        <TemplateInput
          id={id}
          value={str}
          onChange={onChange}
          variables={ctx.variables}
          multiline={widget === 'textarea' || (hint?.maxLength ?? 0) > 200}
          placeholder={hint?.placeholder}
          ariaDescribedBy={describedBy}
          invalid={invalid}
        />
      );
      break;
    case 'variable':
    case 'intent':
    case 'flowRef': {
      const options =
        widget === 'variable' ? ctx.variables.filter((v) => !v.includes('.')) : widget === 'intent' ? ctx.intents : ctx.flowIds;
      control = (
        <>
          <input
            id={id}
            type="text"
            list={`${id}-options`}
            value={str}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder={hint?.placeholder}
            onChange={(e) => onChange(e.target.value)}
          />
          <datalist id={`${id}-options`}>
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </>
      );
      break;
    }
    case 'number':
      control = (
        <input
          id={id}
          type="number"
          value={typeof value === 'number' ? value : ''}
          min={s.minimum}
          max={s.maximum}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
      break;
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case 'select':
      control = (
        <select id={id} value={str} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value || undefined)}>
          {!required && <option value="">—</option>}
          {(s.enum ?? []).map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      );
      break;
    case 'object':
      return (
        <fieldset className="group">
          <legend>{label}</legend>
          {value === undefined && !required ? (
            <button type="button" onClick={() => onChange(blankValue(ctx.resolver, s))}>
              Add {label.toLowerCase()}
            </button>
          ) : (
            <>
              <ObjectFields schema={s} value={(value ?? {}) as Obj} onChange={onChange} path={path} />
              {!required && (
                <button type="button" className="link danger" onClick={() => onChange(undefined)}>
                  Remove {label.toLowerCase()}
                </button>
              )}
            </>
          )}
        </fieldset>
      );
    case 'list':
      return (
        <ListField
          label={label}
          schema={s}
          value={(value ?? []) as unknown[]}
          onChange={onChange}
          path={path}
          itemLabel={hint?.itemLabel}
          help={help}
        />
      );
    case 'stringList':
      control = <StringListField id={id} value={(value ?? []) as string[]} onChange={onChange} describedBy={describedBy} />;
      break;
    case 'keyValue':
      return <KeyValueField label={label} schema={s} value={(value ?? {}) as Record<string, string>} onChange={onChange} help={help} />;
    case 'routeTest':
      return <RouteTestField label={label} value={value as { op: string; args?: unknown[] } | undefined} onChange={onChange} />;
    case 'duration':
    case 'identifier':
    case 'text':
      control = (
        <input
          id={id}
          type="text"
          value={str}
          placeholder={hint?.placeholder ?? (widget === 'duration' ? 'e.g. 30s, 15m, 2h, 1d' : undefined)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'hidden':
      return null;
    default:
      control = <JsonField id={id} value={value} onChange={onChange} />;
  }
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {control}
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      <FieldIssues id={`${id}-issues`} issues={issues} />
    </div>
  );
}

function FieldIssues({ id, issues }: { id: string; issues: ReturnType<ReturnType<typeof useForm>['issuesAt']> }) {
  if (!issues.length) return null;
  return (
    <ul id={id} className="field-issues">
      {issues.map((i, k) => (
        <li key={k} className={i.severity}>
          {i.message}
        </li>
      ))}
    </ul>
  );
}

function ListField({
  label,
  schema,
  value,
  onChange,
  path,
  itemLabel,
  help,
}: {
  label: string;
  schema: JsonSchema;
  value: unknown[];
  onChange: (v: unknown) => void;
  path: Path;
  itemLabel?: string;
  help?: string;
}) {
  const ctx = useForm();
  const itemSchema = ctx.resolver.resolve(schema.items).schema;
  const noun = itemLabel ?? humanize(String(path[path.length - 1] ?? 'item')).replace(/s$/, '');
  const setAt = (i: number, v: unknown) => onChange(value.map((x, k) => (k === i ? v : x)));
  const move = (i: number, d: number) => {
    const next = value.slice();
    const [it] = next.splice(i, 1);
    next.splice(i + d, 0, it);
    onChange(next);
  };
  return (
    <fieldset className="group list">
      <legend>{label}</legend>
      {help && <p className="help">{help}</p>}
      <FieldIssues id="" issues={ctx.issuesAt(pointer(path))} />
      {value.map((item, i) => (
        <div className="list-item" key={i}>
          <div className="list-item-head">
            <span>
              {noun} {i + 1}
            </span>
            <span className="list-item-actions">
              <button type="button" aria-label={`Move ${noun} ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                <ArrowUp size={14} aria-hidden="true" />
              </button>
              <button type="button" aria-label={`Move ${noun} ${i + 1} down`} disabled={i === value.length - 1} onClick={() => move(i, 1)}>
                <ArrowDown size={14} aria-hidden="true" />
              </button>
              <button
                type="button"
                aria-label={`Remove ${noun} ${i + 1}`}
                className="danger"
                onClick={() => onChange(value.filter((_x, k) => k !== i))}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </span>
          </div>
          <ObjectFields schema={itemSchema} value={(item ?? {}) as Obj} onChange={(v) => setAt(i, v)} path={[...path, i]} />
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          const base = noun.toLowerCase().replace(/\s+/g, '_');
          const taken = new Set(value.map((x) => (x as Obj)?.id).filter((x): x is string => typeof x === 'string'));
          let n = value.length + 1;
          while (taken.has(`${base}_${n}`)) n++;
          onChange([...value, blankValue(ctx.resolver, schema.items, `${base}_${n}`)]);
        }}
      >
        + Add {noun.toLowerCase()}
      </button>
    </fieldset>
  );
}
