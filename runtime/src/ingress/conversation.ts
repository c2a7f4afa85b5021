import type { ChannelName, ConversationId } from '../stores';

/** Contact ids come from the network: keep them to a safe alphabet so they cannot break key hash tags. */
const SAFE_ID = /^[A-Za-z0-9._@+-]{1,128}$/;

export function isSafeContactId(id: string): boolean {
  return SAFE_ID.test(id);
}

export function conversationId(tenant: string, channel: ChannelName, contactId: string): ConversationId {
  return `${tenant}:${channel}:${contactId}`;
}

export function parseConversationId(conv: ConversationId): { tenant: string; channel: ChannelName; contactId: string } {
  const [tenant = '', channel = '', ...rest] = conv.split(':');
  return { tenant, channel: channel as ChannelName, contactId: rest.join(':') };
}
