/**
 * The split-message key protocol. The callback data Meta echoes (biz_opaque_callback_data) is the
 * caller's idempotency key; when one message becomes several requests each part gets its own
 * (`key`, `key#1`, `key#2`…) so a status names the exact part and a repeated key always means a
 * duplicate send. The sender builds these keys and the runtime reads statuses back: both use this module.
 */
import { WHATSAPP } from './limits';
import { cutToLimit } from './text';

const PART_SUFFIX = /#([1-9]\d*)$/;

/** The key of part `part` (0 = the first request, which carries the key as is), within Meta's length limit. */
export function partKey(key: string, part: number): string {
  const suffix = part === 0 ? '' : `#${part}`;
  return cutToLimit(key, WHATSAPP.bizOpaque - suffix.length) + suffix;
}

/** Which part a callback key names; `part` 0 means the key is the caller's own (the first request's). */
export function parsePartKey(callbackData: string): { key: string; part: number } {
  const match = PART_SUFFIX.exec(callbackData);
  if (!match?.[1]) return { key: callbackData, part: 0 };
  return { key: callbackData.slice(0, match.index), part: Number(match[1]) };
}
