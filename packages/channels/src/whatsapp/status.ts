/** One WhatsApp `value.statuses[i]` → StatusUpdate. */
import type { DeliveryStatus, StatusUpdate } from '../types';
import { type JsonObject, childPath, compact, optNumber, optObject, optString, reqString, ShapeError } from '../json-read';
import { metaErrors } from './content';
import { unixSecondsToMs } from './message';

const STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'played', 'failed', 'deleted']);

export function normalizeWhatsAppStatus(raw: JsonObject, path: string, tenantKey: string): StatusUpdate {
  const messageId = reqString(raw, 'id', path);
  const status = reqString(raw, 'status', path);
  if (!STATUSES.has(status))
    throw new ShapeError(childPath(path, 'status'), `expected one of ${[...STATUSES].join(', ')}, got "${status}"`);
  const conversation = optObject(raw, 'conversation');
  const origin = conversation ? optObject(conversation, 'origin') : undefined;
  const pricing = optObject(raw, 'pricing');
  const expiresSeconds = conversation ? optNumber(conversation, 'expiration_timestamp') : undefined;
  const expires = expiresSeconds !== undefined && Number.isSafeInteger(expiresSeconds * 1000) ? expiresSeconds : undefined;
  return compact({
    channel: 'whatsapp',
    tenantKey,
    messageId,
    status: status as DeliveryStatus,
    timestamp: unixSecondsToMs(raw.timestamp, childPath(path, 'timestamp')),
    recipientId: optString(raw, 'recipient_id'),
    recipientBsuid: optString(raw, 'recipient_user_id'),
    errors: metaErrors(raw.errors) ?? [],
    bizOpaqueCallbackData: optString(raw, 'biz_opaque_callback_data'),
    conversation: conversation
      ? compact({
          id: optString(conversation, 'id'),
          originType: origin ? optString(origin, 'type') : undefined,
          expiresAt: expires !== undefined ? expires * 1000 : undefined,
        })
      : undefined,
    pricing: pricing
      ? compact({
          billable: typeof pricing.billable === 'boolean' ? pricing.billable : undefined,
          model: optString(pricing, 'pricing_model'),
          type: optString(pricing, 'type'),
          category: optString(pricing, 'category'),
        })
      : undefined,
  });
}
