/** Template messages with typed parameters (WhatsApp only). */
import { SendBuildError, type TemplateMessage, type TemplateParameter } from './options';

type Body = Record<string, unknown>;

const VIDEO = /\.(mp4|3gp)(\?|#|$)/i;
const IMAGE = /\.(jpe?g|png)(\?|#|$)/i;
const DOCUMENT = /\.(pdf|docx?|xlsx?|pptx?|txt|csv)(\?|#|$)/i;

export function whatsappTemplate(message: TemplateMessage): Body {
  if (message.name.trim() === '') throw new SendBuildError('message.name', 'template name is empty');
  const components: Body[] = [];
  const { header, body, buttons } = message.params;
  if (header && header.length > 0)
    components.push({ type: 'header', parameters: header.map((p, i) => headerParam(p, `message.params.header[${i}]`)) });
  if (body && body.length > 0) components.push({ type: 'body', parameters: body.map((p, i) => textParam(p, `message.params.body[${i}]`)) });
  (buttons ?? []).forEach((p, i) => components.push(buttonComponent(p, i)));
  return { name: message.name, language: { code: message.language }, ...(components.length > 0 ? { components } : {}) };
}

/** A plain-string header parameter that is an http(s) URL to a known media file is sent as that media. */
function headerParam(p: TemplateParameter, path: string): Body {
  if (typeof p === 'string' && /^https?:\/\//i.test(p)) {
    if (IMAGE.test(p)) return { type: 'image', image: { link: p } };
    if (VIDEO.test(p)) return { type: 'video', video: { link: p } };
    if (DOCUMENT.test(p)) return { type: 'document', document: { link: p } };
  }
  if (typeof p !== 'string' && (p.type === 'image' || p.type === 'video' || p.type === 'document')) {
    return { type: p.type, [p.type]: { link: p.link, ...(p.filename && p.type === 'document' ? { filename: p.filename } : {}) } };
  }
  return textParam(p, path);
}

function textParam(p: TemplateParameter, path: string): Body {
  if (typeof p === 'string') return { type: 'text', text: p };
  const named = 'name' in p && p.name ? { parameter_name: p.name } : {};
  switch (p.type) {
    case 'text':
      return { type: 'text', ...named, text: p.text };
    case 'currency':
      if (!Number.isInteger(p.amount1000)) throw new SendBuildError(path, 'currency amount1000 must be an integer (amount × 1000)');
      if (!/^[A-Z]{3}$/.test(p.code)) throw new SendBuildError(path, `currency code must be ISO 4217 (3 capital letters), got "${p.code}"`);
      return { type: 'currency', ...named, currency: { fallback_value: p.fallback, code: p.code, amount_1000: p.amount1000 } };
    case 'date_time':
      return { type: 'date_time', ...named, date_time: { fallback_value: p.fallback } };
    default:
      throw new SendBuildError(
        path,
        `a ${p.type} parameter is only allowed in ${p.type === 'payload' || p.type === 'url' ? 'buttons' : 'the header'}`,
      );
  }
}

/** Plain strings are quick-reply payloads; `{type:'url'}` fills a URL button's dynamic suffix. */
function buttonComponent(p: TemplateParameter, index: number): Body {
  const path = `message.params.buttons[${index}]`;
  if (typeof p === 'string' || p.type === 'payload') {
    return {
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload: typeof p === 'string' ? p : p.payload }],
    };
  }
  if (p.type === 'url') return { type: 'button', sub_type: 'url', index: String(index), parameters: [{ type: 'text', text: p.text }] };
  throw new SendBuildError(path, `a ${p.type} parameter cannot fill a button`);
}
