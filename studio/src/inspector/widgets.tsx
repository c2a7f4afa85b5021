/** The inspector's composite widgets: key/value maps, string lists, route tests, raw JSON. */
import { X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useForm } from './context';
import { TemplateInput } from './TemplateInput';
import type { JsonSchema } from './schema';

export function StringListField({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string[];
  onChange: (v: unknown) => void;
  describedBy?: string;
}) {
  // Edited as one item per line; blank lines are dropped on change.
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    if (
      text
        .split('\n')
        .filter((l) => l.trim())
        .join('\n') !== value.join('\n')
    )
      setText(value.join('\n'));
  }, [value]);
  return (
    <textarea
      id={id}
      rows={Math.min(8, Math.max(2, value.length + 1))}
      value={text}
      aria-describedby={describedBy}
      placeholder="One per line"
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

export function KeyValueField({
  label,
  schema,
  value,
  onChange,
  help,
}: {
  label: string;
  schema: JsonSchema;
  value: Record<string, string>;
  onChange: (v: unknown) => void;
  help?: string;
}) {
  const { variables, resolver } = useForm();
  const entries = Object.entries(value);
  const valueWidget = typeof schema.additionalProperties === 'object' ? resolver.widgetFor(schema.additionalProperties).widget : 'text';
  const rebuild = (list: Array<[string, string]>) => onChange(list.length ? Object.fromEntries(list) : undefined);
  const id = useId();
  return (
    <fieldset className="group kv">
      <legend>{label}</legend>
      {help && <p className="help">{help}</p>}
      {entries.map(([k, v], i) => (
        <div className="kv-row" key={i}>
          <input
            aria-label={`${label} name ${i + 1}`}
            value={k}
            onChange={(e) => rebuild(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
          />
          {valueWidget === 'template' ? (
            <TemplateInput
              ariaLabel={`${label} value ${i + 1}`}
              value={v}
              variables={variables}
              onChange={(t) => rebuild(entries.map((x, j) => (j === i ? [x[0], t] : x)))}
            />
          ) : (
            <input
              aria-label={`${label} value ${i + 1}`}
              value={v}
              list={valueWidget === 'variable' ? `${id}-vars` : undefined}
              onChange={(e) => rebuild(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
            />
          )}
          <button
            type="button"
            className="danger"
            aria-label={`Remove ${label} ${k || i + 1}`}
            onClick={() => rebuild(entries.filter((_x, j) => j !== i))}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
      <datalist id={`${id}-vars`}>
        {variables.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <button
        type="button"
        onClick={() => {
          let n = entries.length + 1;
          while (`key${n}` in value) n++;
          rebuild([...entries, [`key${n}`, '']]);
        }}
      >
        + Add
      </button>
    </fieldset>
  );
}

/** Operators whose engine description is written for developers. */
const OPERATOR_HELP: Record<string, string> = {
  expression:
    'A condition over the variables, e.g. cart.total > 100 and contact.language == "es". The value being tested is called operand.',
};

export function RouteTestField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: { op: string; args?: unknown[] } | undefined;
  onChange: (v: unknown) => void;
}) {
  const { operators, intents } = useForm();
  const id = useId();
  const test = value ?? { op: '', args: [] };
  const args = (test.args ?? []).map(String);
  const argsText = args.join(', ');
  const [draft, setDraft] = useState(argsText);
  useEffect(() => setDraft(argsText), [argsText]);
  const op = operators.find((o) => o.name === test.op);
  const opHelp = op ? (OPERATOR_HELP[op.name] ?? op.description) : undefined;
  return (
    <fieldset className="group route-test">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-op`}>Test</label>
        <input id={`${id}-op`} list={`${id}-ops`} value={test.op} onChange={(e) => onChange({ ...test, op: e.target.value })} />
        <datalist id={`${id}-ops`}>
          {operators.map((o) => (
            <option key={o.name} value={o.name}>
              {OPERATOR_HELP[o.name] ?? o.description}
            </option>
          ))}
        </datalist>
        {opHelp && <p className="help">{opHelp}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-args`}>Values (comma separated)</label>
        <input
          id={`${id}-args`}
          list={test.op === 'has_intent' ? `${id}-intents` : undefined}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            const list = e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));
            const next: { op: string; args?: unknown[] } = { op: test.op };
            if (list.length) next.args = list;
            onChange(next);
          }}
        />
        <datalist id={`${id}-intents`}>
          {intents.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
      </div>
    </fieldset>
  );
}

export function JsonField({ id, value, onChange }: { id: string; value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <textarea
        id={id}
        className="mono"
        rows={4}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value));
            setError(null);
          } catch (err) {
            setError(`Not valid JSON yet: ${(err as Error).message}`);
          }
        }}
      />
      {error && <p className="field-issues error">{error}</p>}
    </>
  );
}
