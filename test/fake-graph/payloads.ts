/**
 * Webhook payload factories shaped exactly like the examples in Meta's WhatsApp webhook
 * reference (messages, statuses) and Messenger webhook events. Shared fixtures for the
 * channels parser tests, the runtime's integration tests and the fake Graph API.
 */
import { randomBytes } from 'node:crypto';

export type Json = Record<string, unknown>;

/** The type-specific part of a WhatsApp inbound message (`type` plus its object). */
export type WaContent = Json & { type: string };

export const DEFAULT_PHONE_NUMBER_ID = '106540352242922';
export const DEFAULT_WABA_ID = '102290129340398';
const DEFAULT_DISPLAY_NUMBER = '15550783881';

// A random per-process prefix plus a counter: unique without a crypto call per id
// (the fake answers thousands of sends per second in benchmarks).
const WAMID_PREFIX = randomBytes(21);
let wamidCounter = 0;

/** A realistic-looking, unique WhatsApp message id (`wamid.` + 36 base64 characters). */
export function wamid(): string {
  const bytes = Buffer.alloc(27);
  WAMID_PREFIX.copy(bytes);
  bytes.writeUIntBE(++wamidCounter, 21, 6);
  return 'wamid.' + bytes.toString('base64');
}

const mediaId = (): string => String(1_000_000_000_000_000n + BigInt(randomBytes(6).readUIntBE(0, 6)));
const sha = (): string => randomBytes(32).toString('base64');

/** One factory per inbound type in the reference. */
export const wa = {
  text: (body: string): WaContent => ({ type: 'text', text: { body } }),
  image: (o: { caption?: string; id?: string; url?: string } = {}): WaContent => ({
    type: 'image',
    image: {
      ...(o.caption ? { caption: o.caption } : {}),
      mime_type: 'image/jpeg',
      sha256: sha(),
      id: o.id ?? mediaId(),
      ...(o.url ? { url: o.url } : {}),
    },
  }),
  video: (o: { caption?: string; id?: string } = {}): WaContent => ({
    type: 'video',
    video: { ...(o.caption ? { caption: o.caption } : {}), mime_type: 'video/mp4', sha256: sha(), id: o.id ?? mediaId() },
  }),
  audio: (o: { voice?: boolean; id?: string } = {}): WaContent => ({
    type: 'audio',
    audio: { mime_type: 'audio/ogg; codecs=opus', sha256: sha(), id: o.id ?? mediaId(), voice: o.voice ?? true },
  }),
  document: (o: { caption?: string; filename?: string; id?: string } = {}): WaContent => ({
    type: 'document',
    document: {
      caption: o.caption ?? 'my receipt',
      filename: o.filename ?? 'receipt.pdf',
      mime_type: 'application/pdf',
      sha256: sha(),
      id: o.id ?? mediaId(),
    },
  }),
  sticker: (o: { animated?: boolean } = {}): WaContent => ({
    type: 'sticker',
    sticker: { mime_type: 'image/webp', sha256: sha(), id: mediaId(), animated: o.animated ?? false },
  }),
  location: (latitude: number, longitude: number, o: { name?: string; address?: string; url?: string } = {}): WaContent => ({
    type: 'location',
    location: {
      ...(o.address ? { address: o.address } : {}),
      latitude,
      longitude,
      ...(o.name ? { name: o.name } : {}),
      ...(o.url ? { url: o.url } : {}),
    },
  }),
  contacts: (cards: Array<{ formattedName: string; phone: string; waId?: string; company?: string }>): WaContent => ({
    type: 'contacts',
    contacts: cards.map((c) => ({
      name: { formatted_name: c.formattedName, first_name: c.formattedName.split(' ')[0] },
      ...(c.company ? { org: { company: c.company } } : {}),
      phones: [{ phone: c.phone, ...(c.waId ? { wa_id: c.waId } : {}), type: 'MOBILE' }],
    })),
  }),
  buttonReply: (id: string, title: string): WaContent => ({
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id, title } },
  }),
  listReply: (id: string, title: string, description?: string): WaContent => ({
    type: 'interactive',
    interactive: { type: 'list_reply', list_reply: { id, title, ...(description ? { description } : {}) } },
  }),
  flowReply: (response: Json, o: { body?: string; name?: string } = {}): WaContent => ({
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      nfm_reply: { name: o.name ?? 'flow', body: o.body ?? 'Sent', response_json: JSON.stringify(response) },
    },
  }),
  /** Quick-reply tap on a template: `payload` is what was set at send time (or the label). */
  templateButton: (payload: string, text = payload): WaContent => ({ type: 'button', button: { payload, text } }),
  /** Omit `emoji` to model the user removing their reaction. */
  reaction: (messageId: string, emoji?: string): WaContent => ({
    type: 'reaction',
    reaction: { message_id: messageId, ...(emoji !== undefined ? { emoji } : {}) },
  }),
  order: (items: Array<{ id: string; quantity: number; price: number; currency?: string }>, text?: string): WaContent => ({
    type: 'order',
    order: {
      catalog_id: '194836987003835',
      ...(text ? { text } : {}),
      product_items: items.map((i) => ({
        product_retailer_id: i.id,
        quantity: i.quantity,
        item_price: i.price,
        currency: i.currency ?? 'USD',
      })),
    },
  }),
  /** The user changed number. System envelopes carry no `contacts`. */
  system: (oldNumber: string, newNumber: string): WaContent => ({
    type: 'system',
    system: { body: `User changed from ${oldNumber} to ${newNumber}`, wa_id: newNumber, type: 'user_changed_number' },
  }),
  unsupported: (subtype = 'edit'): WaContent => ({
    type: 'unsupported',
    errors: [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ],
    unsupported: { type: subtype },
  }),
  /** Older payloads: `type: "unknown"` without an `unsupported` object. */
  unknown: (): WaContent => ({
    type: 'unknown',
    errors: [{ code: 131051, title: 'Message type unknown', details: 'Message type is not currently supported' }],
  }),
};

export interface WaInboundOptions {
  id?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  name?: string;
  phoneNumberId?: string;
  wabaId?: string;
  /** Business-scoped user id. With `phoneless`, the sender has no phone number at all. */
  bsuid?: string;
  phoneless?: boolean;
  username?: string;
  context?: { id: string; from?: string } | { forwarded: true } | { frequently_forwarded: true };
  referral?: Json;
}

/** One inbound message object (what sits in `value.messages[]`). */
function waMessage(from: string, content: WaContent, o: WaInboundOptions = {}): Json {
  return {
    ...(o.context ? { context: o.context } : {}),
    ...(o.phoneless ? {} : { from }),
    ...(o.bsuid ? { from_user_id: o.bsuid } : {}),
    id: o.id ?? wamid(),
    timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    ...(o.referral ? { referral: o.referral } : {}),
    ...content,
  };
}

function waContact(from: string, o: WaInboundOptions): Json {
  return {
    profile: { name: o.name ?? 'Sheena Nelson', ...(o.username ? { username: o.username } : {}) },
    ...(o.phoneless ? {} : { wa_id: from }),
    ...(o.bsuid ? { user_id: o.bsuid } : {}),
  };
}

/** A complete `whatsapp_business_account` webhook with one inbound message. */
export function waInbound(from: string, content: WaContent, o: WaInboundOptions = {}): Json {
  const message = waMessage(from, content, o);
  return waEnvelope(
    [
      {
        ...waValueHead(o.phoneNumberId),
        // System messages come without `contacts`.
        ...(content.type === 'system' ? {} : { contacts: [waContact(from, o)] }),
        messages: [message],
      },
    ],
    o.wabaId,
  );
}

export interface WaStatusOptions {
  /** Phone number of the recipient; a non-numeric value (a BSUID) is sent as `recipient_user_id`. */
  recipientId?: string;
  timestamp?: number;
  phoneNumberId?: string;
  errors?: Array<{ code: number; title?: string; details?: string }>;
  bizOpaqueCallbackData?: string;
  withPricing?: boolean;
}

export type WaStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export function waStatus(messageId: string, status: WaStatus, o: WaStatusOptions = {}): Json {
  return {
    id: messageId,
    status,
    timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    ...(o.recipientId !== undefined && !/^\+?\d+$/.test(o.recipientId)
      ? { recipient_user_id: o.recipientId }
      : { recipient_id: (o.recipientId ?? '16505551234').replace(/^\+/, '') }),
    ...(o.bizOpaqueCallbackData ? { biz_opaque_callback_data: o.bizOpaqueCallbackData } : {}),
    ...(o.withPricing || status === 'delivered'
      ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' } }
      : {}),
    ...(o.errors
      ? {
          errors: o.errors.map((e) => ({
            code: e.code,
            title: e.title ?? 'Error',
            message: e.title ?? 'Error',
            error_data: { details: e.details ?? e.title ?? 'Error' },
            href: '/documentation/business-messaging/whatsapp/support/error-codes',
          })),
        }
      : {}),
  };
}

/** A complete webhook with status updates for one phone number. */
export function waStatusWebhook(statuses: Json[], o: { phoneNumberId?: string; wabaId?: string } = {}): Json {
  return waEnvelope([{ ...waValueHead(o.phoneNumberId), statuses }], o.wabaId);
}

/** Change-level errors (`value.errors`), with no messages or statuses. */
export function waValueErrors(errors: Array<{ code: number; title: string; details?: string }>, o: { phoneNumberId?: string } = {}): Json {
  return waEnvelope([
    {
      ...waValueHead(o.phoneNumberId),
      errors: errors.map((e) => ({ code: e.code, title: e.title, message: e.title, error_data: { details: e.details ?? e.title } })),
    },
  ]);
}

function waValueHead(phoneNumberId = DEFAULT_PHONE_NUMBER_ID): Json {
  return { messaging_product: 'whatsapp', metadata: { display_phone_number: DEFAULT_DISPLAY_NUMBER, phone_number_id: phoneNumberId } };
}

/** Wraps change values in the `entry[].changes[]` envelope (one entry, one change per value). */
function waEnvelope(values: Json[], wabaId = DEFAULT_WABA_ID): Json {
  return { object: 'whatsapp_business_account', entry: [{ id: wabaId, changes: values.map((value) => ({ value, field: 'messages' })) }] };
}

/** Merges several complete webhooks into one batched delivery (many entries), as Meta may do. */
export function waBatch(webhooks: Json[]): Json {
  return { object: 'whatsapp_business_account', entry: webhooks.flatMap((w) => (Array.isArray(w.entry) ? w.entry : [])) };
}

// ---- Messenger / Instagram -------------------------------------------------

export const DEFAULT_PAGE_ID = '1234567890';

export interface MessengerEventOptions {
  object?: 'page' | 'instagram';
  pageId?: string;
  /** Milliseconds. */
  timestamp?: number;
}

export const fb = {
  text: (text: string, mid = `m_${randomBytes(12).toString('hex')}`): Json => ({ message: { mid, text } }),
  quickReply: (text: string, payload: string, mid = `m_${randomBytes(12).toString('hex')}`): Json => ({
    message: { mid, text, quick_reply: { payload } },
  }),
  attachment: (type: string, payload: Json, mid = `m_${randomBytes(12).toString('hex')}`): Json => ({
    message: { mid, attachments: [{ type, payload }] },
  }),
  postback: (title: string, payload: string, mid?: string): Json => ({ postback: { ...(mid ? { mid } : {}), title, payload } }),
  echo: (text: string): Json => ({
    message: { is_echo: true, app_id: 1517776481860111, mid: `m_${randomBytes(12).toString('hex')}`, text },
  }),
  delivery: (mids: string[], watermark: number): Json => ({ delivery: { mids, watermark } }),
  read: (watermark: number): Json => ({ read: { watermark } }),
};

export function messengerWebhook(senderId: string, events: Json[], o: MessengerEventOptions = {}): Json {
  const pageId = o.pageId ?? DEFAULT_PAGE_ID;
  const timestamp = o.timestamp ?? Date.now();
  return {
    object: o.object ?? 'page',
    entry: [
      {
        id: pageId,
        time: timestamp,
        messaging: events.map((e) => ({ sender: { id: senderId }, recipient: { id: pageId }, timestamp, ...e })),
      },
    ],
  };
}
