/** Messenger / Instagram `message` objects: text, quick replies and attachments. */
import type { NormalizedMessage, Referral } from '../types';
import { type JsonObject, compact, isObject, optArray, optNumber, optObject, optString, ShapeError, childPath } from '../json-read';

type Content = Pick<NormalizedMessage, 'rawType' | 'message'> & Partial<Pick<NormalizedMessage, 'attachments' | 'deleted' | 'reaction'>>;

// A Map: attachment types are untrusted input ("constructor" must not match).
const MEDIA: ReadonlyMap<string, 'image' | 'video' | 'audio' | 'document' | 'sticker'> = new Map([
  ['image', 'image'],
  ['video', 'video'],
  ['audio', 'audio'],
  ['file', 'document'],
  ['sticker', 'sticker'],
] as const);

export function messengerMessageContent(message: JsonObject, path: string): Content {
  const text = typeof message.text === 'string' ? message.text : undefined;
  if (message.is_deleted === true) return { rawType: 'deleted', message: { kind: 'unsupported' }, deleted: true };
  const quick = optObject(message, 'quick_reply');
  if (quick) {
    const payload = optString(quick, 'payload') ?? text;
    if (payload === undefined) throw new ShapeError(childPath(path, 'quick_reply'), 'expected a payload');
    return { rawType: 'quick_reply', message: compact({ kind: 'button' as const, choiceId: payload, text: text ?? payload }) };
  }
  const attachments = (optArray(message, 'attachments') ?? []).filter(isObject);
  if (attachments.length > 0) return withAttachments(attachments, text);
  if (text !== undefined) return { rawType: 'text', message: { kind: 'text', text } };
  throw new ShapeError(path, 'expected text, a quick_reply or attachments');
}

function withAttachments(list: JsonObject[], text: string | undefined): Content {
  const described = list.map((a) => {
    const payload = optObject(a, 'payload') ?? {};
    const type = optString(a, 'type') ?? 'unknown';
    // Before Aug 30 2026 Messenger stickers arrive as `image` with a sticker_id.
    const isSticker = type === 'sticker' || (type === 'image' && payload.sticker_id !== undefined);
    return { type: isSticker ? 'sticker' : type, url: optString(payload, 'url'), payload, stickerId: optString(payload, 'sticker_id') };
  });
  const first = described[0]!;
  const content: Content = { rawType: `attachment.${first.type}`, message: { kind: 'unsupported' } };
  if (described.length > 1) content.attachments = described.map((d) => compact({ type: d.type, url: d.url }));
  const mediaType = MEDIA.get(first.type);
  if (first.type === 'like_heart') {
    content.message = { kind: 'reaction', text: '❤️' };
    content.reaction = { emoji: '❤️', removed: false };
  } else if (first.type === 'location') {
    const coords = optObject(first.payload, 'coordinates');
    const latitude = coords ? optNumber(coords, 'lat') : undefined;
    const longitude = coords ? optNumber(coords, 'long') : undefined;
    if (latitude !== undefined && longitude !== undefined) content.message = { kind: 'location', location: { latitude, longitude } };
  } else if (mediaType !== undefined && (first.url !== undefined || first.stickerId !== undefined)) {
    content.message = { kind: 'media', media: compact({ type: mediaType, url: first.url, id: first.stickerId, caption: text }) };
  } else {
    // fallback, share, story_mention, ig_reel…: no engine kind; keep the URL for the runtime.
    content.attachments ??= [compact({ type: first.type, url: first.url })];
  }
  if (text !== undefined && content.message.text === undefined) content.message = { ...content.message, text };
  return content;
}

export function messengerReferral(r: JsonObject): Referral {
  return compact({
    ref: optString(r, 'ref'),
    sourceType: optString(r, 'source'),
    sourceId: optString(r, 'ad_id'),
    sourceUrl: optString(r, 'referer_uri'),
  });
}
