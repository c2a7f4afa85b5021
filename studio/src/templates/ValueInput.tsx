/**
 * Edits one parameter value (an example or a fallback) in the shape its type needs: text, a
 * number, an amount with its currency, a date, a media URL, or a location's coordinates.
 */
import type { TemplateParameterType } from '@parley/contract';
import type { CurrencyValue, LocationValue, ParameterValue } from '@parley/templates';

interface Props {
  type: TemplateParameterType;
  value: ParameterValue | undefined;
  /** undefined: the field was emptied (a fallback is then removed). */
  onChange: (value: ParameterValue | undefined) => void;
  /** Names the value for screen readers, e.g. "Example of first_name". */
  label: string;
  invalid?: boolean;
  describedBy?: string;
}

const isObject = (v: ParameterValue | undefined): v is CurrencyValue | LocationValue => typeof v === 'object' && v !== null;

function asCurrency(v: ParameterValue | undefined): CurrencyValue {
  if (isObject(v) && 'amount' in v) return v;
  return { amount: typeof v === 'number' ? v : 0, currency: 'USD' };
}

function asLocation(v: ParameterValue | undefined): LocationValue {
  if (isObject(v) && 'latitude' in v) return v;
  return { latitude: 0, longitude: 0 };
}

/** A typed number: empty or not a number stays as typed text, so the validator can say what is wrong. */
function numberOrText(s: string): ParameterValue | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

export function ValueInput({ type, value, onChange, label, invalid, describedBy }: Props) {
  const aria = { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };
  if (type === 'currency') {
    const c = asCurrency(value);
    return (
      <span className="tpl-value-pair">
        <input
          {...aria}
          aria-label={`${label}: amount`}
          inputMode="decimal"
          value={value === undefined ? '' : String(c.amount)}
          onChange={(e) => {
            // Not a number yet ("1e"): keep the last amount rather than write NaN (null in JSON).
            const amount = numberOrText(e.target.value);
            if (amount === undefined) onChange(undefined);
            else if (typeof amount === 'number') onChange({ ...c, amount });
          }}
        />
        <input
          aria-label={`${label}: currency code`}
          className="tpl-currency"
          maxLength={3}
          value={value === undefined ? '' : c.currency}
          onChange={(e) => onChange({ ...c, currency: e.target.value.toUpperCase() })}
        />
      </span>
    );
  }
  if (type === 'location') {
    const l = asLocation(value);
    const coord = (key: 'latitude' | 'longitude') => (e: { target: { value: string } }) => {
      const n = Number(e.target.value);
      onChange({ ...l, [key]: Number.isFinite(n) ? n : 0 });
    };
    return (
      <span className="tpl-value-pair">
        <input {...aria} aria-label={`${label}: latitude`} inputMode="decimal" value={String(l.latitude)} onChange={coord('latitude')} />
        <input aria-label={`${label}: longitude`} inputMode="decimal" value={String(l.longitude)} onChange={coord('longitude')} />
        <input
          aria-label={`${label}: place name`}
          value={l.name ?? ''}
          onChange={(e) => onChange({ ...l, name: e.target.value || undefined })}
        />
      </span>
    );
  }
  const text = value === undefined || isObject(value) ? '' : String(value);
  return (
    <input
      {...aria}
      aria-label={label}
      type={type === 'image' || type === 'video' || type === 'document' ? 'url' : 'text'}
      inputMode={type === 'number' ? 'decimal' : undefined}
      placeholder={type === 'date_time' ? 'YYYY-MM-DD' : undefined}
      value={text}
      onChange={(e) => onChange(type === 'number' ? numberOrText(e.target.value) : e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
