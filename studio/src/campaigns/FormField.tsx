/**
 * One labelled control of the campaign form with its problems right under it, tied to the control
 * by aria-describedby (and aria-invalid) so a screen reader reads them with the label.
 */
import { useId, type ReactNode } from 'react';
import type { DraftProblem } from './draft';

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  label: ReactNode;
  /** The problems of the field (already filtered), shown only once the form was checked. */
  problems: DraftProblem[];
  help?: ReactNode;
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

export function FormField({ label, problems, help, children, className }: Props) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', problems.length ? `${id}-problems` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problems.length ? true : undefined, 'aria-describedby': describedBy })}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      <Problems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

export function Problems({ id, problems }: { id?: string; problems: DraftProblem[] }) {
  if (!problems.length) return null;
  return (
    <ul id={id} className="field-issues">
      {problems.map((p) => (
        <li key={p.field + p.message} className="error">
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** The problems of one field (`variants.0.weight`), or of a field and everything under it with `prefix`. */
export function problemsAt(problems: DraftProblem[], field: string, prefix = false): DraftProblem[] {
  return problems.filter((p) => p.field === field || (prefix && p.field.startsWith(`${field}.`)));
}
