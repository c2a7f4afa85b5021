/**
 * Maps the type-specific part of one WhatsApp inbound message to the engine's
 * InboundMessage plus the extra normalized fields. One case per Meta type in
 * the reference; anything else becomes `unsupported` rather than an error,
 * because Meta adds types over time and the user still deserves an answer.
 */
import type { InboundMessage } from '@parley/contract';
import type { NormalizedMessage, SharedContact, OrderItem, MetaErrorDetail } from '../types';
import {
  type JsonObject,
  childPath,
  compact,
  isObject,
  optArray,
  optNumber,
  optObject,
  optString,
  reqObject,
  reqString,
  ShapeError,
  describe,
} from '../json-read';

/** The per-type fields of a NormalizedMessage. */
export type Content = Pick<NormalizedMessage, 'rawType' | 'message'> &
  Partial<
    Pick<NormalizedMessage, 'voice' | 'reaction' | 'sharedContacts' | 'order' | 'flowReply' | 'system' | 'unsupportedType' | 'errors'>
  >;

type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';
const MEDIA_TYPES: ReadonlySet<string> = new Set<MediaType>(['image', 'video', 'audio', 'document', 'sticker']);

export function whatsappContent(msg: JsonObject, path: string): Content {
  const type = reqString(msg, 'type', path);
  if (MEDIA_TYPES.has(type)) return media(msg, type as MediaType, path);
  switch (type) {
    case 'text': {
      const text = reqObject(msg, 'text', path);
      return {
        rawType: 'text',
        message: { kind: 'text', text: typeof text.body === 'string' ? text.body : reqString(text, 'body', childPath(path, 'text')) },
      };
    }
    case 'interactive':
      return interactiveOrError(msg, path);
    case 'button': {
      // Quick-reply tap on a template: the payload set at send time (or the label).
      const button = reqObject(msg, 'button', path);
      const text = optString(button, 'text');
      const payload = optString(button, 'payload') ?? text;
      if (payload === undefined) throw new ShapeError(childPath(path, 'button'), 'expected a payload or text');
      return { rawType: 'button', message: compact({ kind: 'button', choiceId: payload, text: text ?? payload }) };
    }
    case 'location': {
      const loc = reqObject(msg, 'location', path);
      const latitude = optNumber(loc, 'latitude');
      const longitude = optNumber(loc, 'longitude');
      if (latitude === undefined || longitude === undefined) {
        throw new ShapeError(childPath(path, 'location'), 'expected numeric latitude and longitude');
      }
      return {
        rawType: 'location',
        message: {
          kind: 'location',
          location: compact({ latitude, longitude, name: optString(loc, 'name'), address: optString(loc, 'address') }),
        },
      };
    }
    case 'contacts':
      return sharedContacts(msg, path);
    case 'reaction': {
      const reaction = reqObject(msg, 'reaction', path);
      const emoji = optString(reaction, 'emoji');
      // An omitted or empty emoji means the user removed their reaction.
      return {
        rawType: 'reaction',
        message: compact({ kind: 'reaction', text: emoji }),
        reaction: compact({ messageId: optString(reaction, 'message_id'), emoji, removed: emoji === undefined }),
      };
    }
    case 'order':
      return order(reqObject(msg, 'order', path), childPath(path, 'order'));
    case 'system': {
      const system = optObject(msg, 'system') ?? {};
      return {
        rawType: 'system',
        message: compact({ kind: 'unsupported', text: optString(system, 'body') }),
        system: compact({
          type: optString(system, 'type'),
          body: optString(system, 'body'),
          newWaId: optString(system, 'wa_id') ?? optString(system, 'new_wa_id'),
        }),
      };
    }
    default: {
      // `unsupported` (current) and `unknown` (older payloads), and any type Meta adds later.
      const unsupported = optObject(msg, 'unsupported');
      return compact({
        rawType: type,
        message: { kind: 'unsupported' },
        unsupportedType: unsupported ? optString(unsupported, 'type') : type === 'unsupported' || type === 'unknown' ? undefined : type,
        errors: metaErrors(msg.errors),
      });
    }
  }
}

function media(msg: JsonObject, type: MediaType, path: string): Content {
  const m = reqObject(msg, type, path);
  const id = optString(m, 'id');
  const url = optString(m, 'url') ?? optString(m, 'link');
  if (id === undefined && url === undefined) throw new ShapeError(childPath(path, type), 'expected a media id or url');
  const caption = optString(m, 'caption');
  const content: Content = {
    rawType: type,
    message: { kind: 'media', media: compact({ type, id, url, mime: optString(m, 'mime_type'), caption }) },
  };
  if (type === 'audio' && typeof m.voice === 'boolean') content.voice = m.voice;
  return content;
}

/**
 * Meta reports an interactive message it could not read whole (e.g. code 131000) with
 * `errors[]` and no readable `interactive` part. The user still wrote something and deserves
 * an answer: it becomes `unsupported` carrying the errors, not a dropped "unexpected shape".
 */
function interactiveOrError(msg: JsonObject, path: string): Content {
  const errors = metaErrors(msg.errors);
  try {
    return interactive(reqObject(msg, 'interactive', path), childPath(path, 'interactive'));
  } catch (err) {
    if (!(err instanceof ShapeError) || !errors || errors.length === 0) throw err;
    const inter = optObject(msg, 'interactive');
    return compact({
      rawType: 'interactive',
      message: { kind: 'unsupported' },
      unsupportedType: (inter && optString(inter, 'type')) ?? 'interactive',
      errors,
    });
  }
}

function interactive(inter: JsonObject, path: string): Content {
  const subtype = reqString(inter, 'type', path);
  const reply = (kind: 'button' | 'list'): InboundMessage => {
    const r = reqObject(inter, subtype, path);
    const id = reqString(r, 'id', childPath(path, subtype));
    return compact({ kind, choiceId: id, text: optString(r, 'title') ?? id });
  };
  switch (subtype) {
    case 'button_reply':
      return { rawType: 'interactive.button_reply', message: reply('button') };
    case 'list_reply':
      return { rawType: 'interactive.list_reply', message: reply('list') };
    case 'nfm_reply': {
      const nfm = reqObject(inter, 'nfm_reply', path);
      const response = parseResponseJson(nfm.response_json);
      const flowToken = response && typeof response.flow_token === 'string' ? response.flow_token : undefined;
      return {
        rawType: 'interactive.nfm_reply',
        // The engine has no "form" kind yet; the runtime reads `flowReply`.
        message: compact({ kind: 'unsupported', text: optString(nfm, 'body') }),
        flowReply: compact({ name: optString(nfm, 'name'), body: optString(nfm, 'body'), flowToken, response }),
      };
    }
    default:
      return { rawType: `interactive.${subtype}`, message: { kind: 'unsupported' }, unsupportedType: subtype };
  }
}

/** `response_json` is a JSON string; a non-object or invalid string yields null rather than failing the message. */
function parseResponseJson(raw: unknown): Record<string, unknown> | null {
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function sharedContacts(msg: JsonObject, path: string): Content {
  const list = optArray(msg, 'contacts');
  if (!list) throw new ShapeError(childPath(path, 'contacts'), `expected an array of contacts, got ${describe(msg.contacts)}`);
  const contacts: SharedContact[] = list.filter(isObject).map((c) => {
    const name = optObject(c, 'name');
    const org = optObject(c, 'org');
    return compact({
      name: name
        ? (optString(name, 'formatted_name') ??
          ([optString(name, 'first_name'), optString(name, 'last_name')].filter(Boolean).join(' ') || undefined))
        : undefined,
      phones: (optArray(c, 'phones') ?? [])
        .filter(isObject)
        .map((p) => compact({ phone: optString(p, 'phone'), waId: optString(p, 'wa_id'), type: optString(p, 'type') })),
      emails: (optArray(c, 'emails') ?? [])
        .filter(isObject)
        .map((e) => optString(e, 'email'))
        .filter((e): e is string => e !== undefined),
      company: org ? optString(org, 'company') : undefined,
    });
  });
  // The engine sees the first shared phone number as text, so an ask expecting a phone accepts a contact card.
  const firstPhone = contacts.flatMap((c) => c.phones).find((p) => p.phone ?? p.waId);
  return {
    rawType: 'contacts',
    message: compact({ kind: 'contacts', text: firstPhone ? (firstPhone.phone ?? firstPhone.waId) : undefined }),
    sharedContacts: contacts,
  };
}

function order(o: JsonObject, path: string): Content {
  const items: OrderItem[] = [];
  (optArray(o, 'product_items') ?? []).forEach((item, i) => {
    if (!isObject(item)) throw new ShapeError(childPath(childPath(path, 'product_items'), i), 'expected an object');
    items.push(
      compact({
        productRetailerId: reqString(item, 'product_retailer_id', childPath(childPath(path, 'product_items'), i)),
        quantity: optNumber(item, 'quantity') ?? 1,
        itemPrice: optNumber(item, 'item_price'),
        currency: optString(item, 'currency'),
      }),
    );
  });
  const text = optString(o, 'text');
  return {
    rawType: 'order',
    message: compact({ kind: 'unsupported', text }),
    order: compact({ catalogId: optString(o, 'catalog_id'), text, items }),
  };
}

/** Meta's `errors[]` (on messages, statuses and change values) in a uniform shape; unreadable entries are skipped. */
export function metaErrors(raw: unknown): MetaErrorDetail[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: MetaErrorDetail[] = [];
  for (const e of raw) {
    if (!isObject(e)) continue;
    const code = optNumber(e, 'code');
    if (code === undefined) continue;
    const data = optObject(e, 'error_data');
    out.push(
      compact({
        code,
        title: optString(e, 'title'),
        message: optString(e, 'message'),
        details: data ? optString(data, 'details') : undefined,
      }),
    );
  }
  return out;
}
