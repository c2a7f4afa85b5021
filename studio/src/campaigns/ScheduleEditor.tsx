/**
 * When the campaign sends: now, at a date and time (in each contact's own time zone or one fixed
 * zone), or every day / week at HH:mm — each occurrence a campaign of its own with a fresh audience.
 */
import type { DraftProblem, ScheduleDraft } from './draft';
import { WEEKDAYS } from './format';
import { FormField, problemsAt } from './FormField';

interface Props {
  value: ScheduleDraft;
  onChange: (value: ScheduleDraft) => void;
  problems: DraftProblem[];
}

const TYPES: Array<{ type: ScheduleDraft['type']; label: string }> = [
  { type: 'now', label: 'Now, when launched' },
  { type: 'at', label: 'At a date and time' },
  { type: 'recurring', label: 'Every day or week' },
];

export function ScheduleEditor({ value: s, onChange, problems }: Props) {
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...s, ...patch });
  const at = (field: string) => problemsAt(problems, `schedule.${field}`);
  return (
    <div className="cmp-schedule">
      <fieldset className="cmp-choices">
        <legend className="sr-only">When</legend>
        {TYPES.map((t) => (
          <label key={t.type}>
            <input type="radio" name="schedule-type" checked={s.type === t.type} onChange={() => set({ type: t.type })} />
            {t.label}
          </label>
        ))}
      </fieldset>
      {s.type === 'at' && (
        <FormField label="Send at" problems={at('at')}>
          {(c) => <input {...c} type="datetime-local" value={s.at} onChange={(e) => set({ at: e.target.value })} />}
        </FormField>
      )}
      {s.type === 'recurring' && (
        <div className="cmp-row">
          <FormField label="Repeat" problems={[]}>
            {(c) => (
              <select {...c} value={s.every} onChange={(e) => set({ every: e.target.value === 'week' ? 'week' : 'day' })}>
                <option value="day">Every day</option>
                <option value="week">Every week</option>
              </select>
            )}
          </FormField>
          {s.every === 'week' && (
            <FormField label="On" problems={at('weekday')}>
              {(c) => (
                <select {...c} value={s.weekday} onChange={(e) => set({ weekday: e.target.value })}>
                  {WEEKDAYS.map((d, n) => (
                    <option key={d} value={String(n)}>
                      {d}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          <FormField label="At (HH:mm)" problems={at('time')}>
            {(c) => <input {...c} type="time" value={s.time} onChange={(e) => set({ time: e.target.value })} />}
          </FormField>
          <FormField label="Last day (optional)" problems={at('until')}>
            {(c) => <input {...c} type="date" value={s.until} onChange={(e) => set({ until: e.target.value })} />}
          </FormField>
        </div>
      )}
      {s.type !== 'now' && (
        <fieldset className="cmp-choices">
          <legend>Time zone</legend>
          <label>
            <input type="radio" name="schedule-zone" checked={s.zone === 'contact'} onChange={() => set({ zone: 'contact' })} />
            Each contact&apos;s own (10:00 is 10:00 where they live)
          </label>
          <label>
            <input type="radio" name="schedule-zone" checked={s.zone === 'fixed'} onChange={() => set({ zone: 'fixed' })} />
            One time zone for everyone
          </label>
          {s.zone === 'fixed' && (
            <FormField label="Time zone name" problems={at('timezone')} help="An IANA name, e.g. Europe/Madrid, America/Sao_Paulo, UTC.">
              {(c) => <input {...c} value={s.timezone} onChange={(e) => set({ timezone: e.target.value })} />}
            </FormField>
          )}
        </fieldset>
      )}
    </div>
  );
}
