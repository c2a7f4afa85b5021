/**
 * A template send checked against the fake's store, as Meta does at send time: unknown name or
 * language, or not approved → 132001; paused → 132015; disabled → 132016; parameters that do not
 * fit the template (count, names, button indexes) → 132000; a parameter of the wrong kind → 132012.
 * Templates the fake does not know pass unchecked unless `strict` (then 132001).
 */
import { graphError, type GraphErrorResponse } from '../errors';
import type { StoredTemplate, TemplateStore } from './store';
import { placeholders } from './validate-create';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Refused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
function need(cond: boolean, code: number, what: string): asserts cond {
  if (!cond) throw new Refused(code, what);
}

export function checkTemplateSend(template: Obj, store: TemplateStore, strict: boolean): GraphErrorResponse | null {
  const name = typeof template.name === 'string' ? template.name : '';
  const language = isObj(template.language) && typeof template.language.code === 'string' ? template.language.code : '';
  const sameName = store.all().filter((t) => t.name === name);
  if (sameName.length === 0) return strict ? graphError(132001, 404, `template name (${name}) does not exist in ${language}`) : null;
  const t = sameName.find((c) => c.language === language);
  if (!t) return graphError(132001, 404, `template name (${name}) does not exist in the translation (${language})`);
  if (t.status === 'PAUSED')
    return graphError(132015, 400, `Template ${name} (${language}) is paused due to low quality, so it cannot be sent.`);
  if (t.status === 'DISABLED') return graphError(132016, 400, `Template ${name} (${language}) has been disabled due to low quality.`);
  if (t.status !== 'APPROVED') return graphError(132001, 404, `template ${name} (${language}) is ${t.status}, not APPROVED`);
  try {
    checkParameters(t, Array.isArray(template.components) ? template.components.filter(isObj) : []);
    return null;
  } catch (err) {
    if (err instanceof Refused) return graphError(err.code, 400, err.message);
    throw err;
  }
}

function component(t: StoredTemplate, type: string): Obj | undefined {
  return t.components.find((c) => c.type === type);
}

function checkParameters(t: StoredTemplate, sent: Obj[]): void {
  const params = (c: Obj | undefined): Obj[] => (c && Array.isArray(c.parameters) ? c.parameters.filter(isObj) : []);
  // Header: nothing, one text parameter, or the media / location its format names.
  const header = component(t, 'HEADER');
  const format = typeof header?.format === 'string' ? header.format : undefined;
  const headerText = typeof header?.text === 'string' ? header.text : '';
  const expectedHeader = format === 'TEXT' ? (placeholders(headerText).length > 0 ? 'text' : undefined) : format?.toLowerCase();
  const headerSent = params(sent.find((c) => c.type === 'header'));
  need(
    headerSent.length === (expectedHeader ? 1 : 0),
    132000,
    `header: expected ${expectedHeader ? 1 : 0} parameter(s), got ${headerSent.length}`,
  );
  if (expectedHeader)
    need(
      headerSent[0]!.type === expectedHeader,
      132012,
      `header: expected a ${expectedHeader} parameter, got ${String(headerSent[0]!.type)}`,
    );

  // Body: one parameter per distinct placeholder; named templates name each one.
  const bodyText = component(t, 'BODY')?.text;
  const names = [...new Set(typeof bodyText === 'string' ? placeholders(bodyText) : [])];
  const bodySent = params(sent.find((c) => c.type === 'body'));
  need(bodySent.length === names.length, 132000, `body: expected ${names.length} parameter(s), got ${bodySent.length}`);
  if (t.parameterFormat === 'NAMED') {
    const given = bodySent.map((p) => p.parameter_name);
    const missing = names.filter((n) => !given.includes(n));
    need(
      missing.length === 0,
      132000,
      `body: expected parameter_name ${missing.map((n) => `"${n}"`).join(', ')}; got ${JSON.stringify(given)}`,
    );
  } else {
    need(
      bodySent.every((p) => p.parameter_name === undefined),
      132012,
      'body: this template has positional parameters; parameter_name is not allowed',
    );
  }

  // Buttons: each sent button component fills a template button of its kind; URL suffixes and copy codes are required.
  const buttons = (component(t, 'BUTTONS')?.buttons as Obj[] | undefined) ?? [];
  const filled = new Set<number>();
  for (const c of sent.filter((s) => s.type === 'button')) {
    const index = Number(c.index);
    const b = buttons[index];
    need(b !== undefined, 132000, `button index ${String(c.index)}: the template has ${buttons.length} button(s)`);
    const kind = b.type === 'URL' ? 'url' : b.type === 'COPY_CODE' ? 'copy_code' : b.type === 'QUICK_REPLY' ? 'quick_reply' : undefined;
    need(
      kind === c.sub_type,
      132012,
      `button index ${index}: the template's button is ${String(b.type)}, got sub_type ${String(c.sub_type)}`,
    );
    if (kind === 'url')
      need(
        typeof b.url === 'string' && placeholders(b.url).length > 0,
        132000,
        `button index ${index}: this URL button has no variable suffix`,
      );
    filled.add(index);
  }
  buttons.forEach((b, i) => {
    const required = (b.type === 'URL' && typeof b.url === 'string' && placeholders(b.url).length > 0) || b.type === 'COPY_CODE';
    if (required) need(filled.has(i), 132000, `button index ${i}: the ${String(b.type)} button needs a parameter`);
  });
}
