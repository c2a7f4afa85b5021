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

/** "es · buttons · text", or the pointer when the validator gave no component. */
export function issueLocation(i: TemplateIssue): string {
  const parts = [i.language, i.component, i.field].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : i.path || 'template';
}
