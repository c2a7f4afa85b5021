/**
 * validateTemplate: structure (the precompiled schema), then Meta's rules per language
 * (content-rules.ts) and per parameter (parameter-rules.ts). Never throws; every issue names the
 * file, the JSON pointer, the language, the component and the field, and says what was expected.
 */
import { IssueList, pointer } from '../issues';
import { TEMPLATE_LIMITS, TEMPLATE_NAME_PATTERN } from '../limits';
import { templateSchemaIssues } from '../schema/structure';
import type { TemplateFile, TemplateIssue } from '../types';
import { usedParameterNames } from '../usage';
import { checkLanguage } from './content-rules';
import { META_LANGUAGES } from './languages';
import { checkParameters } from './parameter-rules';

export interface TemplateValidation {
  /** Set when there are no errors (warnings allowed). */
  template?: TemplateFile;
  issues: TemplateIssue[];
}

const FILE_SUFFIX = '.template.json';

export function validateTemplate(doc: unknown, file: string): TemplateValidation {
  const structural = templateSchemaIssues(doc, file);
  if (structural.length > 0) return { issues: structural };
  const t = doc as TemplateFile;
  const issues = new IssueList(file);
  checkName(t, file, issues);
  checkParameters(t, issues);
  const declared = Object.keys(t.parameters ?? {});
  for (const [language, content] of Object.entries(t.languages)) {
    if (!META_LANGUAGES.has(language))
      issues.warn(
        'unknown-language',
        pointer('languages', language),
        `"${language}" is not one of Meta's template language codes (such as en, en_US, es, pt_BR)`,
      );
    checkLanguage(t, language, content, issues);
    const used = new Set(usedParameterNames(content));
    for (const name of declared) {
      if (!used.has(name))
        issues.error(
          'unused-parameter',
          pointer('languages', language),
          `parameter ${name} is declared but this language does not use it (every language uses every parameter)`,
        );
    }
  }
  return issues.hasErrors() ? { issues: issues.issues } : { template: t, issues: issues.issues };
}

function checkName(t: TemplateFile, file: string, issues: IssueList): void {
  if (!TEMPLATE_NAME_PATTERN.test(t.name)) {
    issues.error(
      'name-invalid',
      '/name',
      `"${t.name}" must be lowercase letters, digits and _ (1 to ${TEMPLATE_LIMITS.nameLength} characters)`,
    );
  }
  const base = file.split(/[\\/]/).pop() ?? '';
  if (base.endsWith(FILE_SUFFIX)) {
    const expected = base.slice(0, -FILE_SUFFIX.length);
    if (expected !== t.name)
      issues.error('name-mismatch', '/name', `the name must equal the file name: expected "${expected}", got "${t.name}"`);
  }
}
