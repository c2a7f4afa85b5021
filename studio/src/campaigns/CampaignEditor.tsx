/**
 * The draft form: name and id, audience, variants, schedule, rate share, goal and end. Problems
 * show under their fields once Save was tried (and then as you type); the server's refusal shows
 * in a banner. The id is suggested from the name until you type one; it cannot change after the
 * first save.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Save } from 'lucide-react';
import type { Campaign } from '@parley/contract';
import type { CampaignBody } from '@parley/contract/api';
import { ApiError, type ApiClient } from '../api/client';
import { campaignsApi } from '../api/campaigns';
import { AudienceField } from './AudienceField';
import { bodyFromDraft, idFromName, validateDraft, type CampaignDraft } from './draft';
import { FormField, problemsAt } from './FormField';
import { GoalEditor } from './GoalEditor';
import { ScheduleEditor } from './ScheduleEditor';
import type { Resources } from './useResources';
import { VariantsEditor } from './VariantsEditor';

interface Props {
  api: ApiClient;
  initial: CampaignDraft;
  isNew: boolean;
  takenIds?: string[];
  resources: Resources;
  onSave: (body: CampaignBody) => Promise<Campaign>;
  onDirtyChange?: (dirty: boolean) => void;
  /** The number's messages per second, when known (from the checklist): the slider says what the share means. */
  numberRate?: number;
}

export function CampaignEditor({ api, initial, isNew, takenIds, resources, onSave, onDirtyChange, numberRate }: Props) {
  const campaigns = useMemo(() => campaignsApi(api), [api]);
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [tried, setTried] = useState(false);
  const [idTouched, setIdTouched] = useState(!isNew);
  const [banner, setBanner] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const dirty = isNew || JSON.stringify(draft) !== JSON.stringify(saved);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const all = validateDraft(draft, { flows: resources.flows, templates: resources.templates, takenIds, now: Date.now() });
  const problems = tried ? all : [];
  const set = (patch: Partial<CampaignDraft>) => {
    setBanner(null);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const save = async () => {
    setTried(true);
    if (all.length) {
      setBanner({ tone: 'error', text: `Not saved: ${all.length} problem${all.length > 1 ? 's' : ''} to fix (marked below).` });
      summary.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await onSave(bodyFromDraft(draft));
      setSaved(draft);
      setBanner({ tone: 'ok', text: 'Saved.' });
    } catch (e) {
      setBanner({ tone: 'error', text: `Not saved: ${e instanceof ApiError ? e.message : String(e)}` });
    } finally {
      setSaving(false);
    }
  };

  const share = draft.ratePercent;
  return (
    <form
      className="cmp-form"
      aria-label={isNew ? 'New campaign' : `Campaign ${saved.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div ref={summary} tabIndex={-1} className="cmp-banner-slot">
        {banner && (
          <p className={`banner ${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'}>
            {banner.text}
          </p>
        )}
      </div>
      <section className="tpl-section" aria-labelledby="cmp-s-name">
        <h2 id="cmp-s-name">Campaign</h2>
        <div className="cmp-row">
          <FormField label="Name" problems={problemsAt(problems, 'name')} className="cmp-grow">
            {(c) => (
              <input
                {...c}
                value={draft.name}
                placeholder="Spring sale"
                onChange={(e) => set({ name: e.target.value, ...(idTouched ? {} : { id: idFromName(e.target.value) }) })}
              />
            )}
          </FormField>
          <FormField
            label="Id"
            problems={problemsAt(problems, 'id')}
            help={isNew ? 'Used in links and analytics; fixed once saved.' : undefined}
          >
            {(c) => (
              <input
                {...c}
                value={draft.id}
                readOnly={!isNew}
                onChange={(e) => {
                  setIdTouched(true);
                  set({ id: e.target.value });
                }}
              />
            )}
          </FormField>
        </div>
      </section>
      <section className="tpl-section" aria-labelledby="cmp-s-audience">
        <h2 id="cmp-s-audience">Audience</h2>
        <AudienceField
          campaigns={campaigns}
          segments={resources.segments}
          value={draft.segment}
          onChange={(segment) => set({ segment })}
          problems={problemsAt(problems, 'segment')}
        />
      </section>
      <section className="tpl-section" aria-labelledby="cmp-s-variants">
        <h2 id="cmp-s-variants">What to send</h2>
        <p className="help">One variant sends to everyone; with more, each contact gets one by weight (the same one if sent again).</p>
        <VariantsEditor
          variants={draft.variants}
          onChange={(variants) => set({ variants })}
          flows={resources.flows}
          templates={resources.templates}
          problems={problems}
        />
      </section>
      <section className="tpl-section" aria-labelledby="cmp-s-when">
        <h2 id="cmp-s-when">When</h2>
        <ScheduleEditor value={draft.schedule} onChange={(schedule) => set({ schedule })} problems={problems} />
        <FormField
          label="End (optional)"
          problems={problemsAt(problems, 'endsAt')}
          help="Nothing is sent after it; conversions stop counting."
        >
          {(c) => <input {...c} type="datetime-local" value={draft.endsAt} onChange={(e) => set({ endsAt: e.target.value })} />}
        </FormField>
      </section>
      <section className="tpl-section" aria-labelledby="cmp-s-rate">
        <h2 id="cmp-s-rate">Sending rate</h2>
        <FormField label="Share of the number's send rate" problems={problemsAt(problems, 'ratePercent')}>
          {(c) => (
            <div className="cmp-slider">
              <input
                {...c}
                type="range"
                min={1}
                max={100}
                step={1}
                value={share}
                aria-valuetext={`${share} %`}
                onChange={(e) => set({ ratePercent: Number(e.target.value) })}
              />
              <output htmlFor={c.id}>
                Uses {share} % of the number&apos;s {numberRate ? `${formatRate(numberRate)} msg/s` : 'send rate'}
                {numberRate ? ` (${formatRate((numberRate * share) / 100)} msg/s)` : ''}; the rest stays for replies.
              </output>
            </div>
          )}
        </FormField>
      </section>
      <section className="tpl-section" aria-labelledby="cmp-s-goal">
        <h2 id="cmp-s-goal">Conversion goal</h2>
        <GoalEditor api={api} flows={resources.flows} value={draft.goal} onChange={(goal) => set({ goal })} problems={problems} />
      </section>
      <div className="cmp-actions">
        <button type="submit" className="primary" disabled={saving || (!dirty && !isNew)}>
          <Save size={14} aria-hidden="true" /> {isNew ? 'Create draft' : 'Save'}
        </button>
        {!isNew && !dirty && <span className="help">All changes saved.</span>}
      </div>
    </form>
  );
}

function formatRate(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
