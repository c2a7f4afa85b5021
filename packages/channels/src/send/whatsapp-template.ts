/**
 * Template messages with typed parameters (WhatsApp only): the contract's TemplateParam union plus
 * currency/date_time, turned into Meta's `template.components`. Named text parameters carry
 * `parameter_name`; header media and location become their typed header parameter; button params
 * become one `button` component each, at their template button index (see TemplateMessage).
 */
import { SendBuildError, type TemplateMessage, type TemplateParameter } from './options';

type Body = Record<string, unknown>;

const VIDEO = /\.(mp4|3gp)(\?|#|$)/i;
const IMAGE = /\.(jpe?g|png)(\?|#|$)/i;
const DOCUMENT = /\.(pdf|docx?|xlsx?|pptx?|txt|csv)(\?|#|$)/i;
/** Meta's limit for the code a copy-code button copies. */
const COUPON_CODE_MAX = 15;
/** A template has at most 10 buttons (indexes 0–9). */
const MAX_BUTTON_INDEX = 9;

export function whatsappTemplate(message: TemplateMessage): Body {
  if (message.name.trim() === '') throw new SendBuildError('message.name', 'template name is empty');
  const components: Body[] = [];
  const { header, body, buttons } = message.params;
  if (header && header.length > 0)
    components.push({ type: 'header', parameters: header.map((p, i) => headerParam(p, `message.params.header[${i}]`)) });
  if (body && body.length > 0) components.push({ type: 'body', parameters: body.map((p, i) => textParam(p, `message.params.body[${i}]`)) });
  const usedIndexes = new Map<number, number>();
  (buttons ?? []).forEach((p, i) => {
    const component = buttonComponent(p, i);
    const index = Number(component.index);
    const earlier = usedIndexes.get(index);
    if (earlier !== undefined)
      throw new SendBuildError(
        `message.params.buttons[${i}]`,
        `button index ${index} is already filled by message.params.buttons[${earlier}]`,
      );
    usedIndexes.set(index, i);
    components.push(component);
  });
  return { name: message.name, language: { code: message.language }, ...(components.length > 0 ? { components } : {}) };
}

/** A plain-string header parameter that is an http(s) URL to a known media file is sent as that media. */
function headerParam(p: TemplateParameter, path: string): Body {
  if (typeof p === 'string' && /^https?:\/\//i.test(p)) {
    if (IMAGE.test(p)) return { type: 'image', image: { link: p } };
    if (VIDEO.test(p)) return { type: 'video', video: { link: p } };
    if (DOCUMENT.test(p)) return { type: 'document', document: { link: p } };
  }
  if (typeof p === 'string') return textParam(p, path);
  switch (p.type) {
    case 'image':
    case 'video':
    case 'document':
      return { type: p.type, [p.type]: { link: p.link, ...(p.filename && p.type === 'document' ? { filename: p.filename } : {}) } };
    case 'location': {
      if (!(Math.abs(p.latitude) <= 90))
        throw new SendBuildError(`${path}.latitude`, `expected a latitude from -90 to 90, got ${p.latitude}`);
      if (!(Math.abs(p.longitude) <= 180))
        throw new SendBuildError(`${path}.longitude`, `expected a longitude from -180 to 180, got ${p.longitude}`);
      const { latitude, longitude, name, address } = p;
      return { type: 'location', location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
    }
    default:
      return textParam(p, path);
  }
}

function textParam(p: TemplateParameter, path: string): Body {
  if (typeof p === 'string') return { type: 'text', text: p };
  switch (p.type) {
    case 'text':
      return { type: 'text', ...named(p.name, path), text: p.text };
    case 'currency':
      if (!Number.isInteger(p.amount1000)) throw new SendBuildError(path, 'currency amount1000 must be an integer (amount × 1000)');
      if (!/^[A-Z]{3}$/.test(p.code)) throw new SendBuildError(path, `currency code must be ISO 4217 (3 capital letters), got "${p.code}"`);
      if (p.fallback === '') throw new SendBuildError(`${path}.fallback`, 'expected the text shown where the currency cannot be localized');
      return {
        type: 'currency',
        ...named(p.name, path),
        currency: { fallback_value: p.fallback, code: p.code, amount_1000: p.amount1000 },
      };
    case 'date_time':
      if (p.fallback === '') throw new SendBuildError(`${path}.fallback`, 'expected the text shown where the date cannot be localized');
      return { type: 'date_time', ...named(p.name, path), date_time: { fallback_value: p.fallback } };
    case 'payload':
    case 'url':
    case 'coupon_code':
      throw new SendBuildError(path, `a ${p.type} parameter is only allowed in buttons`);
    default:
      throw new SendBuildError(path, `a ${p.type} parameter is only allowed in the header`);
  }
}

/** Meta's rule for named parameters (the template file format enforces the same). */
const PARAMETER_NAME = /^[a-z][a-z0-9_]*$/;

function named(name: string | undefined, path: string): Body {
  if (name === undefined || name === '') return {};
  if (!PARAMETER_NAME.test(name))
    throw new SendBuildError(`${path}.name`, `expected a parameter name of lowercase letters, digits and underscores, got "${name}"`);
  return { parameter_name: name };
}

/**
 * Plain strings are quick-reply payloads; `{type:'url'}` fills a URL button's dynamic suffix;
 * `{type:'coupon_code'}` the code a copy-code button copies. The index is the param's own `index`
 * when set, else its position in `params.buttons`.
 */
function buttonComponent(p: TemplateParameter, position: number): Body {
  const path = `message.params.buttons[${position}]`;
  if (typeof p === 'string') return button('quick_reply', position, { type: 'payload', payload: nonEmptyPayload(p, path) });
  const index = 'index' in p && p.index !== undefined ? p.index : position;
  if (!Number.isInteger(index) || index < 0 || index > MAX_BUTTON_INDEX)
    throw new SendBuildError(`${path}.index`, `expected a button index from 0 to ${MAX_BUTTON_INDEX}, got ${index}`);
  switch (p.type) {
    case 'payload':
      return button('quick_reply', index, { type: 'payload', payload: nonEmptyPayload(p.payload, `${path}.payload`) });
    case 'url':
      return button('url', index, { type: 'text', text: p.text });
    case 'coupon_code':
      if (p.code === '' || [...p.code].length > COUPON_CODE_MAX)
        throw new SendBuildError(`${path}.code`, `expected a coupon code of 1 to ${COUPON_CODE_MAX} characters, got ${[...p.code].length}`);
      return button('copy_code', index, { type: 'coupon_code', coupon_code: p.code });
    default:
      throw new SendBuildError(path, `a ${p.type} parameter cannot fill a button`);
  }
}

function nonEmptyPayload(payload: string, path: string): string {
  if (payload === '') throw new SendBuildError(path, 'expected a non-empty quick-reply payload');
  return payload;
}

function button(subType: 'quick_reply' | 'url' | 'copy_code', index: number, parameter: Body): Body {
  return { type: 'button', sub_type: subType, index: String(index), parameters: [parameter] };
}
