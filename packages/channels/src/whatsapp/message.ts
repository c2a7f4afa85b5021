/**
 * One WhatsApp `value.messages[i]` → NormalizedMessage: identity, sender,
 * time, reply context and referral here; the type-specific body in content.ts.
 */
import type { NormalizedContact, NormalizedMessage, Referral } from '../types';
import { type JsonObject, childPath, compact, isObject, optObject, optString, reqString, ShapeError } from '../json-read';
import { whatsappContent } from './content';

export interface ChangeContext {
  tenantKey: string;
  accountId?: string;
  /** `value.contacts[]`: profile names and ids of the senders in this change. */
  contacts: JsonObject[];
}

/** Phone numbers are digits (optionally with `+`); BSUIDs look like `US.1234`. */
const PHONE = /^\+?\d{4,20}$/;

export function normalizeWhatsAppMessage(msg: JsonObject, path: string, ctx: ChangeContext): NormalizedMessage {
  const id = reqString(msg, 'id', path);
  const timestamp = unixSecondsToMs(msg.timestamp, childPath(path, 'timestamp'));
  const contact = sender(msg, path, ctx.contacts);
  const content = whatsappContent(msg, path);
  const context = optObject(msg, 'context');
  const normalized: NormalizedMessage = {
    id,
    channel: 'whatsapp',
    tenantKey: ctx.tenantKey,
    ...(ctx.accountId !== undefined ? { accountId: ctx.accountId } : {}),
    contact,
    timestamp,
    ...content,
  };
  const groupId = optString(msg, 'group_id');
  if (groupId !== undefined) normalized.groupId = groupId;
  if (context) {
    const replyId = optString(context, 'id');
    if (replyId !== undefined) normalized.replyTo = compact({ id: replyId, from: optString(context, 'from') });
    if (context.frequently_forwarded === true) normalized.forwarded = 'frequently_forwarded';
    else if (context.forwarded === true) normalized.forwarded = 'forwarded';
    const product = optObject(context, 'referred_product');
    if (product)
      normalized.referredProduct = compact({
        catalogId: optString(product, 'catalog_id'),
        productRetailerId: optString(product, 'product_retailer_id'),
      });
  }
  const referral = optObject(msg, 'referral');
  if (referral) normalized.referral = whatsappReferral(referral);
  return normalized;
}

/** WhatsApp timestamps are strings of Unix seconds. */
export function unixSecondsToMs(raw: unknown, path: string): number {
  // At most 12 digits: beyond that ×1000 would leave the safe-integer range.
  const n =
    typeof raw === 'string' && /^\d{1,12}$/.test(raw)
      ? Number(raw)
      : typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 && raw < 1e12
        ? raw
        : NaN;
  if (!Number.isFinite(n)) throw new ShapeError(path, 'expected Unix seconds as a string of digits');
  // A JSON -0 passes the checks above; as a time it is 0 (and must serialize as one).
  return n === 0 ? 0 : n * 1000;
}

function sender(msg: JsonObject, path: string, contacts: JsonObject[]): NormalizedContact {
  const from = optString(msg, 'from');
  const fromUserId = optString(msg, 'from_user_id');
  if (from === undefined && fromUserId === undefined) {
    throw new ShapeError(childPath(path, 'from'), 'expected the sender in "from" or "from_user_id"');
  }
  // `from` carries a BSUID instead of a phone number for username-only users.
  const phone = from !== undefined && PHONE.test(from) ? from.replace(/^\+/, '') : undefined;
  const bsuid = fromUserId ?? (from !== undefined && phone === undefined ? from : undefined);
  const profile =
    contacts.find(
      (c) => (phone !== undefined && optString(c, 'wa_id') === phone) || (bsuid !== undefined && optString(c, 'user_id') === bsuid),
    ) ?? (contacts.length === 1 ? contacts[0] : undefined);
  const prof = profile ? optObject(profile, 'profile') : undefined;
  return compact({
    id: (phone ?? bsuid) as string,
    name: prof ? optString(prof, 'name') : undefined,
    phone,
    bsuid,
    parentBsuid: optString(msg, 'from_parent_user_id') ?? (profile ? optString(profile, 'parent_user_id') : undefined),
    username: prof ? optString(prof, 'username') : undefined,
  });
}

function whatsappReferral(r: JsonObject): Referral {
  const welcome = optObject(r, 'welcome_message');
  return compact({
    sourceUrl: optString(r, 'source_url'),
    sourceId: optString(r, 'source_id'),
    sourceType: optString(r, 'source_type'),
    headline: optString(r, 'headline'),
    body: optString(r, 'body'),
    mediaType: optString(r, 'media_type'),
    mediaUrl: optString(r, 'image_url') ?? optString(r, 'video_url'),
    thumbnailUrl: optString(r, 'thumbnail_url'),
    ctwaClid: optString(r, 'ctwa_clid'),
    welcomeText: welcome && isObject(welcome) ? optString(welcome, 'text') : undefined,
  });
}
