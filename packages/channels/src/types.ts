/**
 * Public types of the channel adapters. The normalized message mirrors
 * `schemas/message.schema.json`; keep the two in step (a test checks real
 * parser output against the schema).
 */
import type { Channel, InboundMessage, OutboundMessage, TemplateStatusEvent } from '@parley/contract';

export type { InboundMessage, OutboundMessage, TemplateStatusEvent };

/** The channels these adapters serve (@parley/contract's `Channel`, under the name this package always used). */
export type MetaChannel = Channel;

export interface NormalizedContact {
  /** Stable conversation key on the channel: the phone number (wa_id) when known, else the BSUID; PSID / IGSID on Messenger / Instagram. */
  id: string;
  name?: string;
  /** WhatsApp phone number (digits, no `+`), absent for username-only users. */
  phone?: string;
  /** WhatsApp business-scoped user id (e.g. `US.13491208655302741918`). */
  bsuid?: string;
  /** Parent BSUID shared by the portfolio's numbers. */
  parentBsuid?: string;
  /** WhatsApp username (e.g. `@kfisher`). */
  username?: string;
}

export interface Referral {
  sourceUrl?: string;
  sourceId?: string;
  sourceType?: string;
  headline?: string;
  body?: string;
  mediaType?: string;
  mediaUrl?: string;
  thumbnailUrl?: string;
  /** Click-to-WhatsApp click id. */
  ctwaClid?: string;
  /** Messenger `ref` parameter (m.me links, postbacks). */
  ref?: string;
  /** Click-to-WhatsApp ad welcome message. */
  welcomeText?: string;
}

export interface SharedContact {
  name?: string;
  phones: Array<{ phone?: string; waId?: string; type?: string }>;
  emails: string[];
  company?: string;
}

export interface OrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice?: number;
  currency?: string;
}

export interface MetaErrorDetail {
  code: number;
  title?: string;
  message?: string;
  details?: string;
}

export interface NormalizedMessage {
  /** Meta's message id (`wamid.…` or Messenger `mid`): the deduplication key. */
  id: string;
  channel: MetaChannel;
  /** Tenant routing key: WhatsApp phone_number_id, Messenger page id or Instagram account id. */
  tenantKey: string;
  /** The WhatsApp Business Account id (`entry[].id`), WhatsApp only. */
  accountId?: string;
  contact: NormalizedContact;
  /** WhatsApp group the message was posted in (the contact is the member who wrote it). */
  groupId?: string;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  /** Meta's own type, e.g. `text`, `interactive.list_reply`, `button`, `postback`, `attachment.image`. */
  rawType: string;
  /** The engine's view of the message. */
  message: InboundMessage;
  /** The message this one quotes / answers (WhatsApp `context`, Messenger `reply_to`). */
  replyTo?: { id: string; from?: string };
  forwarded?: 'forwarded' | 'frequently_forwarded';
  /** "Message business" on a catalog product. */
  referredProduct?: { catalogId?: string; productRetailerId?: string };
  referral?: Referral;
  /** Audio recorded as a voice note. */
  voice?: boolean;
  reaction?: { messageId?: string; emoji?: string; removed: boolean };
  sharedContacts?: SharedContact[];
  order?: { catalogId?: string; text?: string; items: OrderItem[] };
  /** WhatsApp Flow completion (`nfm_reply`): `response` is the parsed response_json. */
  flowReply?: { name?: string; body?: string; flowToken?: string; response: Record<string, unknown> | null };
  /** System notice (e.g. the user changed number). */
  system?: { type?: string; body?: string; newWaId?: string };
  /** Meta's sub-type for unsupported content (`edit`, `poll_creation`, …). */
  unsupportedType?: string;
  /** Errors Meta attached to the message (unsupported types). */
  errors?: MetaErrorDetail[];
  /** Messenger/Instagram: extra attachments beyond the first, and unsent (deleted) messages. */
  attachments?: Array<{ type: string; url?: string }>;
  deleted?: boolean;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed' | 'deleted';

export interface StatusUpdate {
  channel: MetaChannel;
  tenantKey: string;
  /** The outbound message id this status is about. Absent for Messenger watermark-only receipts. */
  messageId?: string;
  /** Messenger/Instagram: everything sent before this time (ms) has this status. */
  watermark?: number;
  status: DeliveryStatus;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  recipientId?: string;
  recipientBsuid?: string;
  errors: MetaErrorDetail[];
  bizOpaqueCallbackData?: string;
  conversation?: { id?: string; originType?: string; expiresAt?: number };
  pricing?: { billable?: boolean; model?: string; type?: string; category?: string };
}

/** An error Meta reported at the change level (`value.errors`), not tied to one message. */
export interface PlatformError extends MetaErrorDetail {
  channel: MetaChannel;
  tenantKey?: string;
  path: string;
}

/** Meta's `user_preferences` webhook: the person stopped or resumed marketing messages in WhatsApp itself. */
export interface MarketingPreference {
  channel: 'whatsapp';
  tenantKey: string;
  contact: NormalizedContact;
  category: 'marketing_messages';
  value: 'stop' | 'resume';
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  /** Meta's description, e.g. "User requested to stop marketing messages". */
  detail?: string;
}

export interface ParseResult {
  messages: NormalizedMessage[];
  statuses: StatusUpdate[];
  /** Well-formed parts we deliberately skip (echoes, other webhook fields, standby…). */
  ignored: Array<{ path: string; reason: string }>;
  /** Malformed parts: the JSON path and what was expected there. */
  errors: Array<{ path: string; message: string }>;
  platformErrors: PlatformError[];
  /** WhatsApp template status, quality and category changes (Meta's template webhooks on the WABA). */
  templateEvents: TemplateStatusEvent[];
  /** WhatsApp marketing preference changes (`user_preferences`). */
  preferences: MarketingPreference[];
}

export interface ParseOptions {
  /** The channel the request arrived on (from the route); used when `object` is missing or to reject a mismatch. */
  channelHint?: MetaChannel;
}

export interface GraphRequest {
  method: 'POST';
  /** Path relative to the Graph API version root, e.g. `/106540352242922/messages`. */
  path: string;
  body: Record<string, unknown>;
}
