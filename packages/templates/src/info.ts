/** templateInfo: what flow validation needs to know about a template (from the file, and Meta's states when known). */
import type { TemplateInfo, TemplateLanguageState } from '@parley/contract';
import type { TemplateFile } from './types';
import { usedParameterNames } from './usage';

export function templateInfo(t: TemplateFile, states: Record<string, TemplateLanguageState> = {}): TemplateInfo {
  const languages = Object.keys(t.languages);
  const parameters: TemplateInfo['parameters'] = {};
  // Only parameters a language uses can be sent; a declared but unused one is a validation error anyway.
  const used = new Set(languages.flatMap((l) => usedParameterNames(t.languages[l]!)));
  for (const [name, spec] of Object.entries(t.parameters ?? {})) {
    if (used.has(name)) parameters[name] = { type: spec.type, optional: spec.fallback !== undefined };
  }
  const first = languages[0] !== undefined ? t.languages[languages[0]] : undefined;
  const quickReplies = (first?.buttons ?? []).flatMap((b) =>
    b.type === 'quick_reply' ? [{ text: b.text, payload: b.payload ?? b.text }] : [],
  );
  return {
    name: t.name,
    category: t.category,
    languages,
    approvedLanguages: languages.filter((l) => states[l]?.status === 'approved'),
    parameters,
    quickReplies,
  };
}
