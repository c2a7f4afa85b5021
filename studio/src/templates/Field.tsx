/**
 * One labelled form field of the template editor: the input (or textarea), a counter against
 * Meta's limit as you type ("812/1024"), and the validator's problems for its JSON pointer right
 * under it, tied to the input with aria-describedby so a screen reader reads them too.
 */
import { useId, type ReactNode } from 'react';
import type { TemplateIssue } from '@parley/templates';
import { issueProblem, issuesAt } from './issues';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Meta's limit in characters: shows a counter, red when over. */
  max?: number;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  help?: ReactNode;
  /** Every issue of the template; the field shows those at `at` (a JSON pointer) and below it. */
  issues: readonly TemplateIssue[];
  at: string;
  /** Only the issues at `at` itself (a parent whose children have their own fields). */
  exact?: boolean;
  className?: string;
}

/** Characters as Meta counts them (UTF-16 code units, like TEMPLATE_LIMITS): an emoji counts 2. */
function charCount(s: string): number {
  return s.length;
}

export function Field({ label, value, onChange, max, multiline, rows, placeholder, help, issues, at, exact, className }: Props) {
  const id = useId();
  const mine = issuesAt(issues, at, exact);
  const count = charCount(value);
  const over = max !== undefined && count > max;
  const describedBy = [help ? `${id}-help` : '', max !== undefined ? `${id}-count` : '', mine.length ? `${id}-issues` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value,
    placeholder,
    'aria-invalid': mine.some((i) => i.severity === 'error') || over ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div className={`field tpl-field ${className ?? ''}`} data-pointer={at}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={rows ?? 4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {max !== undefined && (
        <span id={`${id}-count`} className={`counter${over ? ' over' : ''}`}>
          <span className="sr-only">{label}: </span>
          {count}/{max}
          <span className="sr-only"> characters{over ? `, ${count - max} too many` : ''}</span>
        </span>
      )}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      <FieldIssues id={`${id}-issues`} issues={mine} />
    </div>
  );
}

export function FieldIssues({ id, issues }: { id?: string; issues: readonly TemplateIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul id={id} className="field-issues">
      {issues.map((i, n) => (
        <li key={`${i.code}-${n}`} className={i.severity}>
          {issueProblem(i)}
        </li>
      ))}
    </ul>
  );
}
