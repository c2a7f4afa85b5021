/**
 * Preview traffic (the studio's simulator) is kept apart from production everywhere: it is
 * not counted in analytics or metrics, never reaches the agent desk or the helpdesk webhook,
 * and a send that would fail shows in the preview instead of the dead letters.
 * A conversation is a preview when its channel is `simulator` (ids `sim:simulator:<session>`):
 * the channel is a typed part of every conversation id, so no other marker can drift from it.
 */
import { SendBuildError, buildSendRequests } from '@parley/channels';
import type { SendableMessage } from '@parley/channels';
import type { OutboundMessage } from '@parley/flow';
import { parseConversationId } from '../conversation';
import type { ConversationId } from '../conversation';

export function isPreview(conv: ConversationId): boolean {
  return parseConversationId(conv).channel === 'simulator';
}

/** The simulator session a preview conversation belongs to (its contact id). */
export function previewSession(conv: ConversationId): string {
  return parseConversationId(conv).contactId;
}

/**
 * Why WhatsApp would refuse this message (it would be a dead letter in production), or null.
 * The preview shows the reason in place of the message.
 */
export function refusedOnWhatsApp(message: OutboundMessage): string | null {
  try {
    buildSendRequests('whatsapp', '15550000000', message as SendableMessage, { senderId: 'preview' });
    return null;
  } catch (err) {
    if (err instanceof SendBuildError)
      return `WhatsApp would refuse this message (${err.message}); in production it would be a dead letter`;
    throw err;
  }
}
