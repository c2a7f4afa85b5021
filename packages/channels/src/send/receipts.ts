/** WhatsApp read receipts and typing indicators (reference §4.3, "Mark as read and typing indicator"). */
import type { GraphRequest } from '../types';
import { SendBuildError } from './options';

/**
 * Marks an inbound message as read (blue ticks) and optionally shows the
 * typing indicator until the reply is sent or 25 s pass. Neither extends the
 * 24-hour window. Meta answers `{ success: true }`.
 */
export function buildMarkRead(senderId: string, messageId: string, opts: { typing?: boolean } = {}): GraphRequest {
  if (!senderId) throw new SendBuildError('senderId', 'expected the phone_number_id');
  if (!messageId) throw new SendBuildError('messageId', 'expected the wamid of the inbound message');
  return {
    method: 'POST',
    path: `/${senderId}/messages`,
    body: {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
      ...(opts.typing ? { typing_indicator: { type: 'text' } } : {}),
    },
  };
}

/** Messenger / Instagram sender actions (`typing_on`, `typing_off`, `mark_seen`). */
export function buildSenderAction(recipient: string, action: 'typing_on' | 'typing_off' | 'mark_seen', senderId = 'me'): GraphRequest {
  if (!recipient) throw new SendBuildError('recipient', 'expected the PSID / IGSID');
  return { method: 'POST', path: `/${senderId}/messages`, body: { recipient: { id: recipient }, sender_action: action } };
}
