/**
 * Checks a template create/edit body the way Meta's `POST /{WABA-ID}/message_templates` does,
 * written from Meta's reference independently of @parley/templates so the fake catches mistakes in
 * toMetaCreate: name, language, category, parameter_format, and each component (header formats and
 * their examples — media headers need a handle from the resumable upload endpoint —, body text and
 * its examples, footer, buttons and their limits). Returns the first problem, or null.
 */
import type { Json } from '../payloads';

export interface TemplateProblem {
  /** Where in the request body, then what is wrong. */
  message: string;
  subcode?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

class Invalid extends Error {
  constructor(
    message: string,
    readonly subcode?: number,
  ) {
    super(message);
  }
}
function need(cond: boolean, path: string, what: string, subcode?: number): asserts cond {
  if (!cond) throw new Invalid(`${path}: ${what}`, subcode);
}
function text(v: unknown, path: string, max: number): asserts v is string {
  need(str(v), path, 'expected a non-empty string');
  need(v.length <= max, path, `must be at most ${max} characters, got ${v.length}`);
}

/** Meta: variables can't be at the start or end of the template body. */
const SUBCODE_VARIABLE_AT_EDGE = 2388299;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAMED = /^[a-z][a-z0-9_]*$/;
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'FLOW', 'CATALOG', 'MPM', 'VOICE_CALL'];

export function placeholders(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

export function validateTemplateCreate(body: unknown, handles: ReadonlySet<string>): TemplateProblem | null {
  return run(() => {
    need(isObj(body), '$', 'expected a JSON object');
    need(
      typeof body.name === 'string' && /^[a-z0-9_]{1,512}$/.test(body.name),
      'name',
      'expected lowercase letters, digits and underscores',
    );
    need(typeof body.language === 'string' && /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(body.language), 'language', 'expected a language code');
    need(CATEGORIES.includes(body.category as string), 'category', 'expected MARKETING, UTILITY or AUTHENTICATION');
    if (body.allow_category_change !== undefined)
      need(typeof body.allow_category_change === 'boolean', 'allow_category_change', 'expected a boolean');
    components(body.components, body.category as string, formatOf(body), handles);
  });
}

/** `POST /{TEMPLATE-ID}`: components and/or category, checked against the stored template's category and format. */
export function validateTemplateEdit(
  body: unknown,
  current: { category: string; parameterFormat: string },
  handles: ReadonlySet<string>,
): TemplateProblem | null {
  return run(() => {
    need(isObj(body), '$', 'expected a JSON object');
    need(body.components !== undefined || body.category !== undefined, '$', 'expected components or category to change');
    if (body.category !== undefined)
      need(CATEGORIES.includes(body.category as string), 'category', 'expected MARKETING, UTILITY or AUTHENTICATION');
    const format = body.parameter_format !== undefined ? formatOf(body) : current.parameterFormat;
    if (body.components !== undefined)
      components(body.components, (body.category as string | undefined) ?? current.category, format, handles);
  });
}

function run(check: () => void): TemplateProblem | null {
  try {
    check();
    return null;
  } catch (err) {
    if (err instanceof Invalid) return { message: err.message, ...(err.subcode !== undefined ? { subcode: err.subcode } : {}) };
    throw err;
  }
}

function formatOf(body: Obj): string {
  const f = body.parameter_format ?? 'POSITIONAL';
  need(f === 'NAMED' || f === 'POSITIONAL', 'parameter_format', 'expected NAMED or POSITIONAL');
  return f;
}

function components(list: unknown, category: string, format: string, handles: ReadonlySet<string>): void {
  need(Array.isArray(list) && list.length > 0, 'components', 'expected a non-empty array');
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const path = `components[${i}]`;
    need(isObj(c) && typeof c.type === 'string', `${path}.type`, 'expected HEADER, BODY, FOOTER or BUTTONS');
    const type = c.type.toUpperCase();
    need(['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type), `${path}.type`, 'expected HEADER, BODY, FOOTER or BUTTONS');
    need(!seen.has(type), `${path}.type`, `only one ${type} component is allowed`);
    seen.add(type);
    if (type === 'HEADER') header(c, path, category, format, handles);
    else if (type === 'BODY') bodyComponent(c, path, category, format);
    else if (type === 'FOOTER') {
      if (category !== 'AUTHENTICATION') text(c.text, `${path}.text`, 60);
      if (typeof c.text === 'string') need(placeholders(c.text).length === 0, `${path}.text`, 'a footer cannot have parameters');
    } else buttons(c, path, category);
  });
  need(seen.has('BODY'), 'components', 'expected a BODY component');
  if (category === 'AUTHENTICATION')
    need(seen.has('BUTTONS'), 'components', 'authentication templates need a BUTTONS component with an OTP button');
}

function header(c: Obj, path: string, category: string, format: string, handles: ReadonlySet<string>): void {
  const f = typeof c.format === 'string' ? c.format.toUpperCase() : '';
  need(
    ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].includes(f),
    `${path}.format`,
    'expected TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION',
  );
  need(category !== 'AUTHENTICATION', `${path}`, 'authentication templates have no header');
  const example = isObj(c.example) ? c.example : undefined;
  if (f === 'TEXT') {
    text(c.text, `${path}.text`, 60);
    const params = placeholders(c.text);
    need(params.length <= 1, `${path}.text`, `a header takes at most 1 parameter, got ${params.length}`);
    if (params.length === 1) examples(params, example, 'header', `${path}.example`, format);
  } else if (f !== 'LOCATION') {
    const handle = Array.isArray(example?.header_handle) ? example.header_handle[0] : undefined;
    need(str(handle), `${path}.example.header_handle`, `a ${f} header needs an example: the handle of an uploaded file`);
    need(handles.has(handle), `${path}.example.header_handle`, 'unknown file handle (upload the file with the resumable upload API first)');
  }
}

function bodyComponent(c: Obj, path: string, category: string, format: string): void {
  if (category === 'AUTHENTICATION') {
    need(c.text === undefined, `${path}.text`, 'Meta writes the body of authentication templates');
    return;
  }
  text(c.text, `${path}.text`, 1024);
  const params = placeholders(c.text);
  if (params.length === 0) return;
  const trimmed = c.text.trim();
  need(
    !/^\{\{[^{}]*\}\}/.test(trimmed) && !/\{\{[^{}]*\}\}$/.test(trimmed),
    `${path}.text`,
    "variables can't be at the start or end",
    SUBCODE_VARIABLE_AT_EDGE,
  );
  examples(params, isObj(c.example) ? c.example : undefined, 'body', `${path}.example`, format);
}

/** Every parameter needs an example: named ones in `<place>_text_named_params`, positional in `<place>_text`. */
function examples(params: string[], example: Obj | undefined, place: 'header' | 'body', path: string, format: string): void {
  const distinct = [...new Set(params)];
  if (format === 'NAMED') {
    for (const p of distinct) need(NAMED.test(p), path, `"{{${p}}}" is not a named parameter (lowercase letters, digits, underscores)`);
    const list = example?.[`${place}_text_named_params`];
    need(Array.isArray(list), `${path}.${place}_text_named_params`, 'expected an example for each named parameter');
    const given = new Map(list.filter(isObj).map((e) => [e.param_name, e.example]));
    for (const p of distinct) need(str(given.get(p)), `${path}.${place}_text_named_params`, `expected an example for "${p}"`);
    return;
  }
  distinct.forEach((p, i) => need(p === String(i + 1), path, `positional parameters must be {{1}}, {{2}}… in order, got {{${p}}}`));
  const raw = example?.[`${place}_text`];
  const values = place === 'body' && Array.isArray(raw) ? raw[0] : raw;
  need(
    Array.isArray(values) && values.length === distinct.length && values.every(str),
    `${path}.${place}_text`,
    `expected ${distinct.length} example value(s)`,
  );
}

function buttons(c: Obj, path: string, category: string): void {
  const list = c.buttons;
  need(Array.isArray(list) && list.length >= 1 && list.length <= 10, `${path}.buttons`, 'expected 1 to 10 buttons');
  const count = (type: string): number => list.filter((b) => isObj(b) && b.type === type).length;
  need(count('URL') <= 2, `${path}.buttons`, 'at most 2 URL buttons');
  need(count('PHONE_NUMBER') <= 1, `${path}.buttons`, 'at most 1 phone number button');
  need(count('COPY_CODE') <= 1, `${path}.buttons`, 'at most 1 copy code button');
  const types = list.map((b) => (isObj(b) ? b.type : undefined));
  const firstQr = types.indexOf('QUICK_REPLY');
  const lastQr = types.lastIndexOf('QUICK_REPLY');
  if (firstQr >= 0)
    need(
      types.slice(firstQr, lastQr + 1).every((t) => t === 'QUICK_REPLY'),
      `${path}.buttons`,
      'quick reply buttons must be grouped together',
    );
  if (category === 'AUTHENTICATION') need(types.includes('OTP'), `${path}.buttons`, 'authentication templates need an OTP button');
  list.forEach((b: unknown, i) => {
    const bp = `${path}.buttons[${i}]`;
    need(isObj(b) && BUTTON_TYPES.includes(b.type as string), `${bp}.type`, `expected one of ${BUTTON_TYPES.join(', ')}`);
    if (b.type !== 'COPY_CODE' && b.type !== 'OTP') text(b.text, `${bp}.text`, 25);
    if (b.type === 'URL') urlButton(b, bp);
    if (b.type === 'PHONE_NUMBER')
      need(typeof b.phone_number === 'string' && /^\+?\d{6,20}$/.test(b.phone_number), `${bp}.phone_number`, 'expected a phone number');
    if (b.type === 'COPY_CODE') text(b.example, `${bp}.example`, 15);
    if (b.type === 'OTP')
      need(
        ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'].includes(b.otp_type as string),
        `${bp}.otp_type`,
        'expected COPY_CODE, ONE_TAP or ZERO_TAP',
      );
  });
}

function urlButton(b: Obj, path: string): void {
  text(b.url, `${path}.url`, 2000);
  need(/^https?:\/\/[^\s/]+/.test(b.url), `${path}.url`, 'expected an http(s) URL');
  const params = placeholders(b.url);
  need(params.length <= 1, `${path}.url`, 'a URL takes at most 1 parameter');
  if (params.length === 0) return;
  need(/\{\{[^{}]*\}\}$/.test(b.url), `${path}.url`, 'the URL parameter must be at the end');
  const example = Array.isArray(b.example) ? b.example[0] : b.example;
  need(str(example) && /^https?:\/\//.test(example), `${path}.example`, 'expected an example URL with the parameter filled');
}

/** The stored components in the shape the list endpoint answers with. */
export function normalizedComponents(components: unknown): Json[] {
  return (Array.isArray(components) ? components : []).filter(isObj).map((c) => ({ ...c, type: String(c.type).toUpperCase() }));
}
