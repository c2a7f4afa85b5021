/**
 * Rules about declared parameters: names, examples and fallbacks that fit the type, pattern,
 * allowed values and length, and options that only make sense for some types.
 */
import { compileConverter, compilePattern } from '../convert';
import type { IssueList } from '../issues';
import { pointer } from '../issues';
import { PARAMETER_NAME_PATTERN } from '../limits';
import type { ParameterSpec, TemplateFile } from '../types';

const TEXT_ONLY_OPTIONS = ['pattern', 'maxLength'] as const;

export function checkParameters(t: TemplateFile, issues: IssueList): void {
  const firstLanguage = Object.keys(t.languages)[0] ?? 'en';
  for (const [name, spec] of Object.entries(t.parameters ?? {})) {
    const at = pointer('parameters', name);
    if (!PARAMETER_NAME_PATTERN.test(name)) {
      issues.error(
        'parameter-name',
        at,
        `the name "${name}" must start with a lowercase letter and continue with lowercase letters, digits or _`,
      );
    }
    checkOptions(name, spec, at, issues);
    // Examples and fallbacks are checked as a send would be, strictly typed; the language only affects formatting.
    const convert = compileConverter(name, spec, firstLanguage, 'any', true);
    const example = convert(spec.example);
    if (!example.ok) issues.error('example-invalid', `${at}/example`, `the example does not fit: ${stripName(name, example.detail)}`);
    else if (isMediaType(spec) && !String(spec.example).startsWith('https://'))
      issues.error('example-invalid', `${at}/example`, `Meta needs an https:// URL as the example of a ${spec.type} parameter`);
    if (spec.fallback !== undefined) {
      const fallback = convert(spec.fallback);
      if (!fallback.ok)
        issues.error('fallback-invalid', `${at}/fallback`, `the fallback does not fit: ${stripName(name, fallback.detail)}`);
    }
  }
}

function isMediaType(spec: ParameterSpec): boolean {
  return spec.type === 'image' || spec.type === 'video' || spec.type === 'document';
}

function stripName(name: string, detail: string): string {
  return detail.startsWith(`${name}: `) ? detail.slice(name.length + 2) : detail;
}

function checkOptions(name: string, spec: ParameterSpec, at: string, issues: IssueList): void {
  if (spec.pattern !== undefined && !compilePattern(spec.pattern)) {
    issues.error('pattern-invalid', `${at}/pattern`, `"${spec.pattern}" is not a valid regular expression (JavaScript syntax, u flag)`);
  }
  if (spec.type !== 'text') {
    for (const option of TEXT_ONLY_OPTIONS)
      if (spec[option] !== undefined)
        issues.warn('option-ignored', `${at}/${option}`, `"${option}" applies to text parameters only; ${name} is ${spec.type}`);
  }
  if (spec.allowed !== undefined && spec.type !== 'text' && spec.type !== 'number') {
    issues.warn('option-ignored', `${at}/allowed`, `"allowed" applies to text and number parameters only; ${name} is ${spec.type}`);
  }
  if (spec.currency !== undefined && (spec.type !== 'currency' || !/^[A-Z]{3}$/.test(spec.currency))) {
    issues.error(
      'currency-invalid',
      `${at}/currency`,
      spec.type !== 'currency'
        ? `"currency" applies to currency parameters only`
        : `"${spec.currency}" is not an ISO 4217 code (three capital letters, such as USD)`,
    );
  }
  if (spec.type !== 'date_time' && (spec.dateStyle ?? spec.timeStyle ?? spec.timeZone) !== undefined) {
    issues.warn('option-ignored', at, `dateStyle, timeStyle and timeZone apply to date_time parameters only; ${name} is ${spec.type}`);
  }
}
