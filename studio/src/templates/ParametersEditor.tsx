/**
 * The parameters table: one row per named parameter with its type, example (Meta requires one),
 * fallback, allowed values, pattern and maximum length; rename (applied everywhere the parameter
 * is used), remove, and add. Text-only constraints are shown for text parameters only.
 */
import { useId, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { TemplateParameterType } from '@parley/contract';
import type { ParameterSpec, TemplateFile, TemplateIssue } from '@parley/templates';
import { PARAMETER_TYPES, blankParameter, exampleFor, removeParameter, renameParameter, setParameter } from './draft';
import { FieldIssues } from './Field';
import { issuesAt, pointer } from './issues';
import { ValueInput } from './ValueInput';

const NAME = /^[a-z][a-z0-9_]*$/;
const TYPE_LABEL: Record<TemplateParameterType, string> = {
  text: 'Text',
  number: 'Number',
  currency: 'Currency',
  date_time: 'Date',
  image: 'Image',
  video: 'Video',
  document: 'Document',
  location: 'Location',
};

const parameterType = (s: string): TemplateParameterType => PARAMETER_TYPES.find((t) => t === s) ?? 'text';

interface Props {
  template: TemplateFile;
  issues: readonly TemplateIssue[];
  onChange: (t: TemplateFile) => void;
}

export function ParametersEditor({ template, issues, onChange }: Props) {
  const id = useId();
  const entries = Object.entries(template.parameters ?? {});
  return (
    <section className="tpl-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Parameters</h2>
      <p className="help">
        Write <code>{'{{name}}'}</code> in a text where a parameter goes. The example is what Meta&apos;s reviewers and the preview see; the
        fallback is sent when a conversation has no value.
      </p>
      {entries.length > 0 && (
        <div className="tpl-table-wrap">
          <table className="tpl-params">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Example</th>
                <th scope="col">Fallback</th>
                <th scope="col">Allowed values</th>
                <th scope="col">Pattern</th>
                <th scope="col">Max length</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map(([name, spec]) => (
                <ParameterRow
                  key={name}
                  name={name}
                  spec={spec}
                  taken={entries.map(([n]) => n)}
                  issues={issuesAt(issues, pointer('parameters', name))}
                  onRename={(to) => onChange(renameParameter(template, name, to))}
                  onChange={(next) => onChange(setParameter(template, name, next))}
                  onRemove={() => onChange(removeParameter(template, name))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddParameter taken={entries.map(([n]) => n)} onAdd={(name, type) => onChange(setParameter(template, name, blankParameter(type)))} />
    </section>
  );
}

interface RowProps {
  name: string;
  spec: ParameterSpec;
  taken: string[];
  issues: TemplateIssue[];
  onRename: (to: string) => void;
  onChange: (spec: ParameterSpec) => void;
  onRemove: () => void;
}

function ParameterRow({ name, spec, taken, issues, onRename, onChange, onRemove }: RowProps) {
  const id = useId();
  const [draftName, setDraftName] = useState(name);
  const [nameError, setNameError] = useState<string | null>(null);
  const text = spec.type === 'text';
  const commitName = () => {
    const to = draftName.trim();
    if (to === name) return setNameError(null);
    if (!NAME.test(to)) return setNameError('Use lowercase letters, digits and _ , starting with a letter.');
    if (taken.includes(to)) return setNameError(`There is already a parameter called ${to}.`);
    setNameError(null);
    onRename(to);
  };
  const set = (patch: Partial<ParameterSpec>) => {
    const next: ParameterSpec = { ...spec, ...patch };
    for (const key of Object.keys(patch) as Array<keyof ParameterSpec>) if (patch[key] === undefined) delete next[key];
    onChange(next);
  };
  const errorsOf = (field: string) => issues.filter((i) => i.path.endsWith(`/${field}`));
  return (
    <>
      <tr data-parameter={name}>
        <td>
          <input
            aria-label={`Name of parameter ${name}`}
            value={draftName}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name` : undefined}
            onChange={(e) => setDraftName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commitName())}
          />
        </td>
        <td>
          <select
            aria-label={`Type of ${name}`}
            value={spec.type}
            onChange={(e) => {
              const type = parameterType(e.target.value);
              // Values of the old type rarely fit the new one: start from a fresh example.
              onChange({ type, example: exampleFor(type), ...(spec.description ? { description: spec.description } : {}) });
            }}
          >
            {PARAMETER_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <ValueInput
            type={spec.type}
            value={spec.example}
            label={`Example of ${name}`}
            invalid={errorsOf('example').length > 0}
            onChange={(v) => set({ example: v ?? '' })}
          />
        </td>
        <td>
          <ValueInput
            type={spec.type}
            value={spec.fallback}
            label={`Fallback of ${name}`}
            invalid={errorsOf('fallback').length > 0}
            onChange={(v) => set({ fallback: v })}
          />
        </td>
        <td>
          {text || spec.type === 'number' ? (
            <input
              aria-label={`Allowed values of ${name}, separated by commas`}
              placeholder="any"
              value={(spec.allowed ?? []).join(', ')}
              onChange={(e) => {
                const items = e.target.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean);
                set({
                  allowed: items.length
                    ? items.map((s) => (spec.type === 'number' && Number.isFinite(Number(s)) ? Number(s) : s))
                    : undefined,
                });
              }}
            />
          ) : (
            <span className="help">—</span>
          )}
        </td>
        <td>
          {text ? (
            <input
              aria-label={`Pattern of ${name} (regular expression)`}
              placeholder="any"
              value={spec.pattern ?? ''}
              onChange={(e) => set({ pattern: e.target.value || undefined })}
            />
          ) : (
            <span className="help">—</span>
          )}
        </td>
        <td>
          {text ? (
            <input
              aria-label={`Maximum length of ${name}`}
              inputMode="numeric"
              className="tpl-narrow"
              placeholder="none"
              value={spec.maxLength ?? ''}
              onChange={(e) => {
                const n = Number.parseInt(e.target.value, 10);
                set({ maxLength: Number.isFinite(n) && n > 0 ? n : undefined });
              }}
            />
          ) : (
            <span className="help">—</span>
          )}
        </td>
        <td>
          <button type="button" className="danger" aria-label={`Remove parameter ${name}`} title="Remove" onClick={onRemove}>
            <Trash2 size={15} aria-hidden="true" />
          </button>
        </td>
      </tr>
      {(nameError || issues.length > 0) && (
        <tr className="tpl-row-issues">
          <td colSpan={8}>
            {nameError && (
              <p id={`${id}-name`} className="field-issues error" role="alert">
                {nameError}
              </p>
            )}
            <FieldIssues issues={issues} />
          </td>
        </tr>
      )}
    </>
  );
}

function AddParameter({ taken, onAdd }: { taken: string[]; onAdd: (name: string, type: TemplateParameterType) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<TemplateParameterType>('text');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const n = name.trim();
    if (!NAME.test(n)) return setError('Use lowercase letters, digits and _ , starting with a letter.');
    if (taken.includes(n)) return setError(`There is already a parameter called ${n}.`);
    setError(null);
    setName('');
    onAdd(n, type);
  };
  return (
    <div className="tpl-add-row">
      <div className="field">
        <label htmlFor={`${id}-name`}>New parameter</label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder="e.g. first_name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(parameterType(e.target.value))}>
          {PARAMETER_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={add}>
        <Plus size={14} aria-hidden="true" /> Add parameter
      </button>
      {error && (
        <p id={`${id}-error`} className="field-issues error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
