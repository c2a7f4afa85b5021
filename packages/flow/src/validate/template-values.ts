/**
 * Whether a template node's value can hold its parameter's type, judged without running the
 * flow: a literal (no `{{ }}`) is checked as written, a lone `{{variable}}` by the variable's
 * declared type. Anything else (an expression, mixed text) is only known at send time, where
 * the template gate checks it again.
 */
import type { TemplateParameterType } from '@parley/contract';
import { parseTemplate } from '../expr';
import type { Flow, VariableType } from '../types';

/** Declared variable types each parameter type accepts. */
const FITS: Record<TemplateParameterType, readonly VariableType[]> = {
  text: ['string', 'number', 'boolean', 'date', 'object', 'list'],
  number: ['number'],
  currency: ['number', 'object'],
  date_time: ['date', 'string'],
  image: ['string'],
  video: ['string'],
  document: ['string'],
  location: ['object'],
};

/** What a parameter type expects, for messages. */
const EXPECTED: Record<TemplateParameterType, string> = {
  text: 'text',
  number: 'a number',
  currency: 'a number or a currency amount ({ amount, currency })',
  date_time: 'a date (ISO 8601, like 2026-03-01 or 2026-03-01T09:30:00Z)',
  image: 'an https:// link to the image',
  video: 'an https:// link to the video',
  document: 'an https:// link to the document',
  location: 'a location ({ latitude, longitude })',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const PLAIN_VARIABLE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** Why `source` cannot hold a parameter of `type`, or null when it can (or cannot be known before sending). */
export function valueMismatch(source: string, type: TemplateParameterType, flow: Flow): string | null {
  if (type === 'text') return null;
  if (!source.includes('{{')) return literalMismatch(source, type);
  const parsed = parseTemplate(source);
  const exprs = parsed.parts.filter((part) => part.kind === 'expr');
  const lone = exprs.length === 1 && parsed.parts.every((part) => part.kind === 'expr' || !part.text.trim());
  if (!lone) {
    // Text around a {{ }} makes the value text: fine for a media link that starts with https://.
    const media = type === 'image' || type === 'video' || type === 'document';
    if (media && /^https:\/\//i.test(source.trim())) return null;
    return `text with {{ }} inside is text, and the parameter needs ${EXPECTED[type]}; use a single {{expression}}`;
  }
  const part = exprs[0]!;
  const variable = part.kind === 'expr' ? PLAIN_VARIABLE.exec(part.source)?.[1] : undefined;
  const declared =
    variable !== undefined && flow.variables && Object.hasOwn(flow.variables, variable) ? flow.variables[variable] : undefined;
  if (!declared || FITS[type].includes(declared.type)) return null;
  return `the variable '${variable}' is declared as ${declared.type}, and the parameter needs ${EXPECTED[type]}`;
}

function literalMismatch(text: string, type: TemplateParameterType): string | null {
  const trimmed = text.trim();
  switch (type) {
    case 'number':
    case 'currency':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? null : `the text '${text}' is not ${EXPECTED[type]}`;
    case 'date_time':
      return ISO_DATE.test(trimmed) && Number.isFinite(Date.parse(trimmed)) ? null : `the text '${text}' is not ${EXPECTED[type]}`;
    case 'image':
    case 'video':
    case 'document':
      return isHttpsUrl(trimmed) ? null : `the text '${text}' is not ${EXPECTED[type]}`;
    case 'location':
      return `a fixed text cannot be ${EXPECTED[type]}; use a single {{variable}} holding one`;
    default:
      return null;
  }
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
