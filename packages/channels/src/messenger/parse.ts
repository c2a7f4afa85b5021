/**
 * Messenger and Instagram envelope: `entry[].messaging[]` events (one per
 * item). Messages, quick replies, postbacks and reactions are normalized;
 * delivery/read receipts become statuses; echoes of our own sends, standby
 * events (another app owns the thread) and handover/opt-in events are ignored.
 */
import type { MetaChannel, NormalizedMessage, ParseResult, StatusUpdate } from '../types';
import {
  type JsonObject,
  childPath,
  compact,
  isObject,
  optArray,
  optNumber,
  optObject,
  optString,
  ShapeError,
  describe,
} from '../json-read';
import { messengerMessageContent, messengerReferral } from './content';

export function parseMessenger(body: JsonObject, channel: MetaChannel, out: ParseResult): void {
  const entries = optArray(body, 'entry');
  if (!entries) return void out.errors.push({ path: '$.entry', message: `expected an array of entries, got ${describe(body.entry)}` });
  entries.forEach((entry, e) => {
    const entryPath = childPath('$.entry', e);
    if (!isObject(entry)) return void out.errors.push({ path: entryPath, message: `expected an object, got ${describe(entry)}` });
    if (entry.standby !== undefined)
      out.ignored.push({ path: childPath(entryPath, 'standby'), reason: 'standby events: another app owns the thread' });
    if (entry.changes !== undefined)
      out.ignored.push({ path: childPath(entryPath, 'changes'), reason: 'feed/comment changes are not handled' });
    if (entry.messaging === undefined) {
      if (entry.standby === undefined && entry.changes === undefined)
        out.ignored.push({ path: entryPath, reason: 'entry has no messaging events' });
      return;
    }
    const events = optArray(entry, 'messaging');
    const eventsPath = childPath(entryPath, 'messaging');
    if (!events) return void out.errors.push({ path: eventsPath, message: `expected an array, got ${describe(entry.messaging)}` });
    events.forEach((event, i) => {
      const path = childPath(eventsPath, i);
      if (!isObject(event)) return void out.errors.push({ path, message: `expected an object, got ${describe(event)}` });
      try {
        parseEvent(event, path, channel, entry, out);
      } catch (err) {
        if (err instanceof ShapeError) out.errors.push({ path: err.path, message: err.message });
        else out.errors.push({ path, message: `could not read this event: ${err instanceof Error ? err.message : String(err)}` });
      }
    });
  });
}

function parseEvent(event: JsonObject, path: string, channel: MetaChannel, entry: JsonObject, out: ParseResult): void {
  const sender = optObject(event, 'sender');
  const recipient = optObject(event, 'recipient');
  const senderId = sender ? optString(sender, 'id') : undefined;
  const tenantKey = optString(entry, 'id') ?? (recipient ? optString(recipient, 'id') : undefined);
  const timestamp = epochMs(event.timestamp) ?? epochMs(entry.time);
  const message = optObject(event, 'message');

  if (message && message.is_echo === true)
    return void out.ignored.push({ path: childPath(path, 'message'), reason: 'echo of a message sent by the page' });
  if (tenantKey === undefined)
    throw new ShapeError(childPath(path, 'recipient'), 'expected the page / account id in entry.id or recipient.id');
  if (timestamp === undefined) throw new ShapeError(childPath(path, 'timestamp'), 'expected a timestamp in milliseconds');

  const delivery = optObject(event, 'delivery');
  const read = optObject(event, 'read');
  if (delivery || read) {
    const kind = delivery ? 'delivery' : 'read';
    out.statuses.push(
      ...receipts(
        delivery ? 'delivered' : 'read',
        (delivery ?? read) as JsonObject,
        childPath(path, kind),
        channel,
        tenantKey,
        timestamp,
        senderId,
      ),
    );
    return;
  }
  if (senderId === undefined) throw new ShapeError(childPath(childPath(path, 'sender'), 'id'), 'expected the sender id (PSID / IGSID)');
  const base = { channel, tenantKey, contact: { id: senderId }, timestamp };

  if (message) {
    const mid = optString(message, 'mid');
    if (mid === undefined) throw new ShapeError(childPath(childPath(path, 'message'), 'mid'), 'expected the message id');
    const normalized: NormalizedMessage = { id: mid, ...base, ...messengerMessageContent(message, childPath(path, 'message')) };
    const replyTo = optObject(message, 'reply_to');
    const replyMid = replyTo ? optString(replyTo, 'mid') : undefined;
    if (replyMid !== undefined) normalized.replyTo = { id: replyMid };
    const referral = optObject(message, 'referral');
    if (referral) normalized.referral = messengerReferral(referral);
    return void out.messages.push(normalized);
  }
  const postback = optObject(event, 'postback');
  if (postback) {
    const payload = optString(postback, 'payload');
    const title = optString(postback, 'title');
    if (payload === undefined && title === undefined) throw new ShapeError(childPath(path, 'postback'), 'expected a payload or title');
    const referral = optObject(postback, 'referral');
    return void out.messages.push(
      compact({
        // Postbacks before v11 have no mid; a deterministic id keeps Meta's retries deduplicated.
        id: optString(postback, 'mid') ?? `postback:${senderId}:${timestamp}`,
        ...base,
        rawType: 'postback',
        message: compact({ kind: 'button' as const, choiceId: payload ?? title, text: title ?? payload }),
        referral: referral ? messengerReferral(referral) : undefined,
      }),
    );
  }
  const reaction = optObject(event, 'reaction');
  if (reaction) {
    const target = optString(reaction, 'mid');
    const removed = optString(reaction, 'action') === 'unreact';
    const emoji = removed ? undefined : optString(reaction, 'emoji');
    return void out.messages.push({
      id: `reaction:${target ?? '-'}:${senderId}:${timestamp}`,
      ...base,
      rawType: 'reaction',
      message: compact({ kind: 'reaction' as const, text: emoji }),
      reaction: compact({ messageId: target, emoji, removed }),
    });
  }
  const known = [
    'referral',
    'optin',
    'pass_thread_control',
    'take_thread_control',
    'request_thread_control',
    'app_roles',
    'policy_enforcement',
    'account_linking',
    'message_edit',
  ];
  const kind = known.find((k) => event[k] !== undefined);
  out.ignored.push({ path, reason: kind ? `"${kind}" events are not handled` : 'unknown messaging event' });
}

function receipts(
  status: 'delivered' | 'read',
  receipt: JsonObject,
  path: string,
  channel: MetaChannel,
  tenantKey: string,
  timestamp: number,
  recipientId: string | undefined,
): StatusUpdate[] {
  const watermark = optNumber(receipt, 'watermark');
  const mids = (optArray(receipt, 'mids') ?? []).filter((m): m is string => typeof m === 'string' && m !== '');
  const single = optString(receipt, 'mid');
  if (single !== undefined) mids.push(single);
  const common = compact({ channel, tenantKey, status, timestamp, recipientId, watermark, errors: [] });
  if (mids.length === 0) {
    if (watermark === undefined) throw new ShapeError(path, 'expected mids or a watermark');
    return [common];
  }
  return mids.map((messageId) => ({ ...common, messageId }));
}

/** Messenger timestamps are integer milliseconds. */
function epochMs(raw: unknown): number | undefined {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
}
