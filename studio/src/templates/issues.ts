/**
 * Where a validation problem is shown: under the field whose JSON pointer it names (or a child of
 * it), and in the summary at the top with a plain location ("es · body").
 */
import type { TemplateIssue } from '@parley/templates';

/** JSON pointer of a path (RFC 6901 escaping: `~` → `~0`, `/` → `~1`). */
export function pointer(...parts: Array<string | number>): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The issues at `at` or below it; `exact` keeps only those at `at` itself. */
export function issuesAt(issues: readonly TemplateIssue[], at: string, exact = false): TemplateIssue[] {
  return issues.filter((i) => i.path === at || (!exact && i.path.startsWith(`${at}/`)));
}

export function errorCount(issues: readonly TemplateIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}

/** Where, in words: "es · buttons[0].text", "parameter first_name", "category". */
export function issueLocation(i: TemplateIssue): string {
  if (i.component === 'parameters') return i.field ? `parameter ${i.field}` : 'parameters';
  const parts = [i.language, i.field ?? i.component].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : i.path || 'template';
}

/**
 * The problem without the place the validator writes before it for terminals
 * ("order_update.template.json: [en] body: at most 1024 characters" → "at most 1024 characters"):
 * under a field, or after issueLocation, the place is already shown.
 */
export function issueProblem(i: TemplateIssue): string {
  let m = i.message.startsWith(`${i.file}: `) ? i.message.slice(i.file.length + 2) : i.message;
  const places =
    i.language !== undefined
      ? [`[${i.language}] ${i.field ?? 'language'}: `]
      : i.component === 'parameters' && i.field
        ? [`parameter ${i.field}: `]
        : i.field
          ? [`${i.field}: `]
          : [];
  for (const place of places) if (m.startsWith(place)) m = m.slice(place.length);
  return m;
}
