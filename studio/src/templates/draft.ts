/**
 * The template being edited, as immutable edits on a TemplateFile: every change returns a new
 * document so React re-renders and the validator sees exactly what will be saved.
 */
import { TEMPLATE_CATEGORIES, TEMPLATE_PARAMETER_TYPES, type TemplateCategory, type TemplateParameterType } from '@parley/contract';
import type { ParameterSpec, ParameterValue, TemplateButton, TemplateContent, TemplateFile } from '@parley/templates';

export type ButtonType = TemplateButton['type'];
export const BUTTON_TYPES: ButtonType[] = ['quick_reply', 'url', 'phone_number', 'copy_code', 'flow'];
export const HEADER_FORMATS = ['none', 'text', 'image', 'video', 'document', 'location'] as const;
export type HeaderChoice = (typeof HEADER_FORMATS)[number];

/** A new template: one language with an empty body, so the editor has somewhere to start. */
export function newTemplate(name: string, language = 'en'): TemplateFile {
  return { $schema: '../schemas/template.schema.json', name, category: 'utility', parameters: {}, languages: { [language]: { body: '' } } };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The server's document as the editor's TemplateFile. A file with a wrong shape still opens (the
 * validator lists what is wrong): missing containers become empty ones, the name is the file's.
 */
export function toDraft(doc: Record<string, unknown>, name: string): TemplateFile {
  const category = TEMPLATE_CATEGORIES.find((c) => c === doc.category) ?? 'utility';
  const parameters = isObject(doc.parameters) ? (doc.parameters as Record<string, ParameterSpec>) : {};
  const languages = isObject(doc.languages) ? (doc.languages as Record<string, TemplateContent>) : {};
  return { ...doc, name: typeof doc.name === 'string' ? doc.name : name, category, parameters, languages } as TemplateFile;
}

export function setCategory(t: TemplateFile, category: TemplateCategory): TemplateFile {
  return { ...t, category };
}

export function setDescription(t: TemplateFile, description: string): TemplateFile {
  const next: TemplateFile = { ...t, description };
  if (!description) delete next.description;
  return next;
}

/** Sets fields of one language; a field set to undefined is removed (no `"footer": null` in the file). */
export function updateLanguage(t: TemplateFile, language: string, patch: Partial<TemplateContent>): TemplateFile {
  const content: TemplateContent = { ...t.languages[language], ...patch };
  for (const key of Object.keys(patch) as Array<keyof TemplateContent>) if (patch[key] === undefined) delete content[key];
  return { ...t, languages: { ...t.languages, [language]: content } };
}

/** A new language starts as a copy of `from` (its parameters are already in place for the translator). */
export function addLanguage(t: TemplateFile, language: string, from?: string): TemplateFile {
  if (t.languages[language]) return t;
  const source = from ? t.languages[from] : undefined;
  const content: TemplateContent = source ? structuredClone(source) : { body: '' };
  return { ...t, languages: { ...t.languages, [language]: content } };
}

export function removeLanguage(t: TemplateFile, language: string): TemplateFile {
  const languages = { ...t.languages };
  delete languages[language];
  return { ...t, languages };
}

/** The header picker: a format, with the text or the parameter it needs carried over where it fits. */
export function setHeaderFormat(t: TemplateFile, language: string, format: HeaderChoice): TemplateFile {
  const current = t.languages[language]?.header;
  if (format === 'none') return updateLanguage(t, language, { header: undefined });
  if (format === 'text')
    return updateLanguage(t, language, { header: { format: 'text', text: current?.format === 'text' ? current.text : '' } });
  const wanted: TemplateParameterType = format;
  const parameter =
    current && current.format !== 'text' && t.parameters?.[current.parameter]?.type === wanted
      ? current.parameter
      : (Object.entries(t.parameters ?? {}).find(([, spec]) => spec.type === wanted)?.[0] ?? '');
  return updateLanguage(t, language, { header: { format, parameter } });
}

export function headerChoice(content: TemplateContent | undefined): HeaderChoice {
  return content?.header?.format ?? 'none';
}

export function blankButton(type: ButtonType): TemplateButton {
  switch (type) {
    case 'quick_reply':
      return { type, text: '' };
    case 'url':
      return { type, text: '', url: 'https://' };
    case 'phone_number':
      return { type, text: '', phone: '+' };
    case 'copy_code':
      return { type, parameter: '' };
    case 'flow':
      return { type, text: '', flowId: '' };
  }
}

export function setButtons(t: TemplateFile, language: string, buttons: TemplateButton[]): TemplateFile {
  return updateLanguage(t, language, { buttons: buttons.length ? buttons : undefined });
}

export function setParameter(t: TemplateFile, name: string, spec: ParameterSpec): TemplateFile {
  return { ...t, parameters: { ...t.parameters, [name]: spec } };
}

export function removeParameter(t: TemplateFile, name: string): TemplateFile {
  const parameters = { ...t.parameters };
  delete parameters[name];
  return { ...t, parameters };
}

/** Renames a parameter everywhere it is used: its declaration, `{{old}}` in every text, media and copy-code references. */
export function renameParameter(t: TemplateFile, from: string, to: string): TemplateFile {
  if (from === to || !t.parameters?.[from]) return t;
  const parameters = Object.fromEntries(Object.entries(t.parameters).map(([k, v]) => [k === from ? to : k, v]));
  const pattern = new RegExp(`\\{\\{\\s*${from}\\s*\\}\\}`, 'g');
  const swap = (s: string) => s.replace(pattern, `{{${to}}}`);
  const languages = Object.fromEntries(
    Object.entries(t.languages).map(([lang, c]) => {
      const content: TemplateContent = { ...c };
      if (c.body !== undefined) content.body = swap(c.body);
      if (c.header)
        content.header =
          c.header.format === 'text'
            ? { ...c.header, text: swap(c.header.text) }
            : c.header.parameter === from
              ? { ...c.header, parameter: to }
              : c.header;
      if (c.buttons)
        content.buttons = c.buttons.map((b) =>
          b.type === 'url' ? { ...b, url: swap(b.url) } : b.type === 'copy_code' && b.parameter === from ? { ...b, parameter: to } : b,
        );
      return [lang, content];
    }),
  );
  return { ...t, parameters, languages };
}

/** A fresh parameter's spec: the example Meta requires, in the shape its type needs. */
export function blankParameter(type: TemplateParameterType): ParameterSpec {
  return { type, example: exampleFor(type) };
}

export function exampleFor(type: TemplateParameterType): ParameterValue {
  switch (type) {
    case 'number':
      return 1;
    case 'currency':
      return { amount: 10, currency: 'USD' };
    case 'date_time':
      return '2026-01-31';
    case 'image':
      return 'https://example.com/image.jpg';
    case 'video':
      return 'https://example.com/video.mp4';
    case 'document':
      return 'https://example.com/file.pdf';
    case 'location':
      return { latitude: 52.52, longitude: 13.405, name: 'Store' };
    case 'text':
      return 'example';
  }
}

export const PARAMETER_TYPES: readonly TemplateParameterType[] = TEMPLATE_PARAMETER_TYPES;
