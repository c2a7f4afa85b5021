/** `buildSendRequests`: the one entry point from an engine send effect to Graph API requests. */
import type { GraphRequest, MetaChannel } from '../types';
import type { SendOptions, SendableMessage } from './options';
import { buildWhatsAppRequests } from './whatsapp';
import { buildMessengerRequests } from './messenger';

/**
 * Returns the requests to send, in order (a long text or a paged list becomes
 * several). Throws SendBuildError (with a path into the message) for input
 * Meta would reject and that cannot be fixed by cutting, e.g. an option id
 * over the limit or a template on Messenger.
 */
export function buildSendRequests(
  channel: MetaChannel,
  recipient: string,
  message: SendableMessage,
  opts: SendOptions = {},
): GraphRequest[] {
  return channel === 'whatsapp'
    ? buildWhatsAppRequests(recipient, message, opts)
    : buildMessengerRequests(channel, recipient, message, opts);
}
