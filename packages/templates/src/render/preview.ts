/**
 * renderPreview: the message as a person sees it, values filled — the studio's WhatsApp-style
 * preview and the dry run's output. Forgiving where render is strict: a missing value shows its
 * fallback, else stays `{{name}}`; a value that cannot be converted shows as written.
 */
import { compileConverter, isEmptyValue } from '../convert';
import { placeholders } from '../placeholders';
import type { LocationValue, ParameterValue, TemplateButton, TemplateFile } from '../types';
import type { ParameterPlace } from '../usage';

export type PreviewHeader =
  | { type: 'text'; text: string }
  | { type: 'media'; mediaType: 'image' | 'video' | 'document'; link: string }
  | { type: 'location'; latitude?: number; longitude?: number; name?: string; address?: string };

export interface PreviewButton {
  type: 'quick_reply' | 'url' | 'phone_number' | 'copy_code' | 'flow' | 'otp';
  text: string;
  /** URL buttons: the URL with the suffix filled. */
  url?: string;
  phone?: string;
  /** Copy-code buttons: the code. */
  code?: string;
}

export interface RenderedPreview {
  header?: PreviewHeader;
  body: string;
  footer?: string;
  buttons: PreviewButton[];
}

/** The fixed text Meta sends for authentication templates (English; Meta translates it per language). */
const AUTH_BODY = '{{code}} is your verification code.';
const AUTH_SECURITY = ' For your security, do not share this code.';

export function renderPreview(t: TemplateFile, language: string, values: Record<string, unknown>): RenderedPreview {
  const content = t.languages[language];
  if (!content) return { body: `(template ${t.name} has no language "${language}")`, buttons: [] };
  const source: Record<string, unknown> = values !== null && typeof values === 'object' ? values : {};
  const fill = (name: string, place: ParameterPlace): { text: string; location?: LocationValue } => {
    const spec = t.parameters?.[name];
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    if (!spec) return { text: isEmptyValue(value) ? `{{${name}}}` : String(value) };
    const convert = compileConverter(name, spec, language, place);
    const chosen = isEmptyValue(value) ? spec.fallback : value;
    if (chosen === undefined) return { text: `{{${name}}}` };
    const converted = convert(chosen);
    if (converted.ok) return converted;
    return { text: typeof chosen === 'object' ? JSON.stringify(chosen) : String(chosen) };
  };
  const fillText = (text: string, place: ParameterPlace): string =>
    placeholders(text)
      .map((p) => (p.kind === 'text' ? p.text : fill(p.name, place).text))
      .join('');

  const preview: RenderedPreview = { body: '', buttons: [] };
  const header = content.header;
  if (header?.format === 'text') preview.header = { type: 'text', text: fillText(header.text, 'header_text') };
  else if (header?.format === 'location') preview.header = { type: 'location', ...fill(header.parameter, 'header_location').location };
  else if (header) preview.header = { type: 'media', mediaType: header.format, link: fill(header.parameter, 'header_media').text };

  if (content.authentication) {
    const auth = content.authentication;
    preview.body = fillText(AUTH_BODY, 'otp') + (auth.securityRecommendation ? AUTH_SECURITY : '');
    if (auth.codeExpirationMinutes !== undefined) preview.footer = `This code expires in ${auth.codeExpirationMinutes} minutes.`;
    preview.buttons.push({ type: 'otp', text: auth.otp.buttonText ?? (auth.otp.type === 'copy_code' ? 'Copy code' : 'Autofill') });
    return preview;
  }
  preview.body = content.body !== undefined ? fillText(content.body, 'body') : '';
  if (content.footer !== undefined) preview.footer = content.footer;
  preview.buttons = (content.buttons ?? []).map((b) => previewButton(b, fillText, fill));
  return preview;
}

function previewButton(
  b: TemplateButton,
  fillText: (text: string, place: ParameterPlace) => string,
  fill: (name: string, place: ParameterPlace) => { text: string },
): PreviewButton {
  switch (b.type) {
    case 'url':
      return { type: 'url', text: b.text, url: fillText(b.url, 'url_suffix') };
    case 'phone_number':
      return { type: 'phone_number', text: b.text, phone: b.phone };
    case 'copy_code':
      return { type: 'copy_code', text: 'Copy offer code', code: fill(b.parameter, 'copy_code').text };
    default:
      return { type: b.type, text: b.text };
  }
}

/** Every parameter's example: what the studio's preview shows before a flow maps values. */
export function exampleValues(t: TemplateFile): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const [name, spec] of Object.entries(t.parameters ?? {})) values[name] = spec.example;
  return values;
}
