/** Building TemplateIssues: where (file, JSON pointer, language, component, field) and what. */
import type { TemplateIssue } from './types';

type Component = NonNullable<TemplateIssue['component']>;

const COMPONENTS: readonly string[] = ['header', 'body', 'footer', 'buttons', 'parameters', 'authentication'];

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "buttons[2].text" from ['buttons', '2', 'text']. */
function fieldName(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Language, component and field of a pointer into a template file. */
function locate(path: string): Pick<TemplateIssue, 'language' | 'component' | 'field'> {
  const segments = path === '' ? [] : path.slice(1).split('/').map(unescapeSegment);
  if (segments[0] === 'languages' && segments.length >= 2) {
    const language = segments[1]!;
    const component = segments[2];
    if (component !== undefined && COMPONENTS.includes(component)) {
      return { language, component: component as Component, field: fieldName(segments.slice(2)) };
    }
    return { language, ...(component !== undefined ? { field: fieldName(segments.slice(2)) } : {}) };
  }
  if (segments[0] === 'parameters') {
    return { component: 'parameters', ...(segments.length > 1 ? { field: fieldName(segments.slice(1)) } : {}) };
  }
  return segments.length > 0 ? { field: fieldName(segments) } : {};
}

/** Where the message starts: "en body: " or "parameter first_name: " — the message names its place. */
function prefix(where: Pick<TemplateIssue, 'language' | 'component' | 'field'>): string {
  if (where.language !== undefined) return `[${where.language}] ${where.field ?? 'language'}: `;
  if (where.component === 'parameters' && where.field) return `parameter ${where.field}: `;
  return where.field ? `${where.field}: ` : '';
}

export function makeIssue(severity: TemplateIssue['severity'], code: string, file: string, path: string, problem: string): TemplateIssue {
  const where = locate(path);
  return { severity, code, message: `${file}: ${prefix(where)}${problem}`, file, path, ...where };
}

/** Collects issues for one file. */
export class IssueList {
  readonly issues: TemplateIssue[] = [];
  constructor(readonly file: string) {}
  error(code: string, path: string, problem: string): void {
    this.issues.push(makeIssue('error', code, this.file, path, problem));
  }
  warn(code: string, path: string, problem: string): void {
    this.issues.push(makeIssue('warning', code, this.file, path, problem));
  }
  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}
