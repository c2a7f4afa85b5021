import type { ConversationId } from '../types';

/** Per-conversation key suffixes (short: they count in the bytes-per-conversation budget). */
export const CONV_SUFFIX = {
  inbox: 'i',
  session: 's',
  contact: 'c',
  timers: 't',
  outbox: 'o',
  sent: 'x',
  workLease: 'wl',
  sendLease: 'sl',
} as const;

export function convKey(prefix: string, conv: ConversationId, suffix: (typeof CONV_SUFFIX)[keyof typeof CONV_SUFFIX]): string {
  return `${prefix}{${conv}}:${suffix}`;
}
