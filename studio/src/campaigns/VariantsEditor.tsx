/**
 * A/B/n variants: each sends an approved template (language, parameter values) or starts a
 * published flow, and gets a weight; the share of the audience each weight gives shows beside it.
 */
import { Plus, Trash2 } from 'lucide-react';
import type { FlowSummary, TemplateSummary } from '@parley/contract/api';
import { approvedLanguages, newVariant, variantShares, type DraftProblem, type VariantDraft } from './draft';
import { FormField, Problems, problemsAt } from './FormField';

interface Props {
  variants: VariantDraft[];
  onChange: (variants: VariantDraft[]) => void;
  flows: FlowSummary[] | null;
  templates: TemplateSummary[] | null;
  problems: DraftProblem[];
}

export function VariantsEditor({ variants, onChange, flows, templates, problems }: Props) {
  const shares = variantShares(variants);
  const set = (i: number, patch: Partial<VariantDraft>) => onChange(variants.map((v, n) => (n === i ? { ...v, ...patch } : v)));
  const unusedId = () => {
    for (let n = 0; ; n++) {
      const id = newVariant(n).id;
      if (!variants.some((v) => v.id === id)) return newVariant(n);
    }
  };
  return (
    <div className="cmp-variants">
      <Problems problems={problemsAt(problems, 'variants')} />
      {variants.map((v, i) => {
        const at = `variants.${i}`;
        const mine = (field: string) => problemsAt(problems, `${at}.${field}`, field === 'values');
        return (
          <fieldset key={i} className="cmp-variant" data-variant={v.id}>
            <legend>
              Variant {v.id || i + 1} <span className="cmp-share">{shares[i]} % of the audience</span>
            </legend>
            <div className="cmp-row">
              <FormField label="Variant id" problems={mine('id')} className="cmp-narrow">
                {(c) => <input {...c} value={v.id} onChange={(e) => set(i, { id: e.target.value })} />}
              </FormField>
              <FormField label="Weight" problems={mine('weight')} className="cmp-narrow" help={`= ${shares[i]} %`}>
                {(c) => (
                  <input
                    {...c}
                    type="number"
                    min={0}
                    max={1000}
                    step={1}
                    value={v.weight}
                    onChange={(e) => set(i, { weight: e.target.value })}
                  />
                )}
              </FormField>
              <fieldset className="cmp-kind">
                <legend>Sends</legend>
                {(['template', 'flow'] as const).map((kind) => (
                  <label key={kind}>
                    <input type="radio" name={`variant-${i}-kind`} checked={v.kind === kind} onChange={() => set(i, { kind })} />
                    {kind === 'template' ? 'A template' : 'A flow'}
                  </label>
                ))}
              </fieldset>
              {variants.length > 1 && (
                <button
                  type="button"
                  className="danger cmp-remove"
                  aria-label={`Remove variant ${v.id || i + 1}`}
                  onClick={() => onChange(variants.filter((_, n) => n !== i))}
                >
                  <Trash2 size={14} aria-hidden="true" /> Remove
                </button>
              )}
            </div>
            {v.kind === 'flow' ? (
              <FormField
                label="Flow to start"
                problems={mine('flow')}
                help="Only published flows can start; the contact's fields are its variables."
              >
                {(c) => (
                  <select {...c} value={v.flow} onChange={(e) => set(i, { flow: e.target.value })}>
                    <option value="">{flows === null ? 'Loading flows…' : 'Choose a flow'}</option>
                    {(flows ?? []).map((f) => (
                      <option key={f.id} value={f.id} disabled={f.publishedVersion === null && f.id !== v.flow}>
                        {f.name} ({f.publishedVersion === null ? 'not published' : `live v${f.publishedVersion}`})
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            ) : (
              <TemplateChoice variant={v} templates={templates} onChange={(patch) => set(i, patch)} problems={mine} />
            )}
          </fieldset>
        );
      })}
      {variants.length < 10 && (
        <button type="button" onClick={() => onChange([...variants, unusedId()])}>
          <Plus size={14} aria-hidden="true" /> Add variant
        </button>
      )}
    </div>
  );
}

function TemplateChoice({
  variant: v,
  templates,
  onChange,
  problems,
}: {
  variant: VariantDraft;
  templates: TemplateSummary[] | null;
  onChange: (patch: Partial<VariantDraft>) => void;
  problems: (field: string) => DraftProblem[];
}) {
  const template = templates?.find((t) => t.name === v.template);
  const approved = template ? approvedLanguages(template) : [];
  return (
    <>
      <div className="cmp-row">
        <FormField label="Template" problems={problems('template')} className="cmp-grow">
          {(c) => (
            <select {...c} value={v.template} onChange={(e) => onChange({ template: e.target.value, language: '', values: {} })}>
              <option value="">{templates === null ? 'Loading templates…' : 'Choose a template'}</option>
              {(templates ?? []).map((t) => {
                const langs = approvedLanguages(t);
                return (
                  <option key={t.name} value={t.name} disabled={!langs.length && t.name !== v.template}>
                    {t.name} ({t.category}; {langs.length ? `approved: ${langs.join(', ')}` : 'not approved'})
                  </option>
                );
              })}
            </select>
          )}
        </FormField>
        <FormField label="Language" problems={problems('language')}>
          {(c) => (
            <select {...c} value={v.language} onChange={(e) => onChange({ language: e.target.value })} disabled={!template}>
              <option value="">Each contact&apos;s language</option>
              {template?.languages.map((l) => (
                <option key={l.language} value={l.language} disabled={!approved.includes(l.language) && l.language !== v.language}>
                  {l.language}
                  {approved.includes(l.language) ? '' : ` (${l.status.replace(/_/g, ' ')})`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {template && Object.keys(template.parameters).length > 0 && (
        <fieldset className="cmp-values">
          <legend>Parameter values</legend>
          <p className="help">
            A fixed text, or a contact&apos;s field: <code>{'{{contact.name}}'}</code>, <code>{'{{contact.fields.city}}'}</code>.
          </p>
          {Object.entries(template.parameters).map(([name, p]) => (
            <FormField key={name} label={`${name}${p.optional ? ' (optional)' : ''}`} problems={problems(`values.${name}`)}>
              {(c) => (
                <input
                  {...c}
                  value={v.values[name] ?? ''}
                  placeholder={p.optional ? 'Empty: the template’s fallback' : p.type === 'text' ? 'e.g. {{contact.name}}' : p.type}
                  onChange={(e) => onChange({ values: { ...v.values, [name]: e.target.value } })}
                />
              )}
            </FormField>
          ))}
        </fieldset>
      )}
    </>
  );
}
