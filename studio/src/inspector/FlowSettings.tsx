/**
 * Shown when nothing is selected: the flow's name, languages, variables and
 * intents, plus triggers/interrupts/settings through the schema-driven form.
 */
import { X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { Flow, VariableType } from '@parley/flow';
import type { Understanding } from '@parley/contract';
import flowSchema from '../../../schemas/flow.schema.json';
import { FormContext } from './context';
import { Field } from './SchemaForm';
import { useFormContext } from './formContext';
import { IntentsEditor } from './IntentsEditor';
import type { JsonSchema, UiHints } from './schema';
import type { ValidationIssue } from '@parley/contract';

const VARIABLE_TYPES: VariableType[] = ['string', 'number', 'boolean', 'date', 'object', 'list'];
/** The kinds of value as a marketer calls them (the flow file keeps the JSON names). */
const VARIABLE_TYPE_WORDS: Record<VariableType, string> = {
  string: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
  date: 'Date',
  object: 'Group of values',
  list: 'List',
};
const HINTS: UiHints = {
  triggers: { itemLabel: 'Trigger', help: 'What starts this flow: a keyword, an intent or an event.' },
  interrupts: { itemLabel: 'Interrupt', help: 'Intents that can jump in at any point, e.g. “talk to a person”.' },
  settings: { label: 'Timeouts' },
  entities: { itemLabel: 'Entity', help: 'Values to pick out of messages with a pattern, e.g. order numbers.' },
};

interface Props {
  flow: Flow;
  issues: ValidationIssue[];
  flowIds: string[];
  onChange: (patch: Partial<Flow>, key: string) => void;
  tryNlu: (text: string) => Promise<Understanding>;
}

export function FlowSettings({ flow, issues, flowIds, onChange, tryNlu }: Props) {
  const id = useId();
  const ctx = useFormContext(flow, HINTS, issues, flowIds, new Set());
  const props = (flowSchema as unknown as JsonSchema).properties ?? {};
  const [langs, setLangs] = useState(flow.languages.join(', '));
  const joinedLangs = flow.languages.join(', ');
  useEffect(() => {
    setLangs((t) =>
      t
        .split(/[,\s]+/)
        .filter(Boolean)
        .join(', ') === joinedLangs
        ? t
        : joinedLangs,
    );
  }, [joinedLangs]);
  const variables = Object.entries(flow.variables ?? {});
  const setVars = (list: Array<[string, NonNullable<Flow['variables']>[string]]>) =>
    onChange({ variables: list.length ? Object.fromEntries(list) : undefined }, 'variables');
  return (
    <FormContext.Provider value={ctx}>
      <section className="flow-settings" aria-label="Flow settings">
        <h2>Flow settings</h2>
        <p className="help">Select a step on the canvas to edit it. These settings apply to the whole flow.</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Flow name</label>
          <input id={`${id}-name`} value={flow.name} onChange={(e) => onChange({ name: e.target.value }, 'name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-langs`}>Languages (default first)</label>
          <input
            id={`${id}-langs`}
            value={langs}
            onChange={(e) => {
              setLangs(e.target.value);
              const list = e.target.value
                .split(/[,\s]+/)
                .map((s) => s.trim())
                .filter(Boolean);
              if (list.length) onChange({ languages: list }, 'languages');
            }}
          />
        </div>
        <fieldset className="group">
          <legend>Variables</legend>
          <p className="help">What the flow remembers about a customer. Use them in texts as {'{{name}}'}.</p>
          {variables.map(([name, decl], i) => (
            <div className="kv-row" key={i}>
              <input
                aria-label={`Variable ${i + 1} name`}
                value={name}
                onChange={(e) => setVars(variables.map((v, k) => (k === i ? [e.target.value, v[1]] : v)))}
              />
              <select
                aria-label={`Kind of value of ${name}`}
                value={decl.type}
                onChange={(e) =>
                  setVars(variables.map((v, k) => (k === i ? [v[0], { ...v[1], type: e.target.value as VariableType }] : v)))
                }
              >
                {VARIABLE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {VARIABLE_TYPE_WORDS[t]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="danger"
                aria-label={`Remove variable ${name}`}
                onClick={() => setVars(variables.filter((_v, k) => k !== i))}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              let n = variables.length + 1;
              while (flow.variables?.[`var_${n}`]) n++;
              setVars([...variables, [`var_${n}`, { type: 'string' }]]);
            }}
          >
            + Add variable
          </button>
        </fieldset>
        <IntentsEditor flow={flow} onChange={(intents) => onChange({ intents }, 'intents')} tryNlu={tryNlu} />
        {(['triggers', 'interrupts', 'entities', 'settings'] as const).map(
          (key) =>
            props[key] && (
              <Field
                key={key}
                name={key}
                schema={props[key]}
                value={flow[key]}
                required={false}
                path={[key]}
                onChange={(v) =>
                  onChange({ [key]: v === undefined || (Array.isArray(v) && !v.length) ? undefined : v } as Partial<Flow>, key)
                }
              />
            ),
        )}
      </section>
    </FormContext.Provider>
  );
}
