/**
 * The conversation id "<tenant>:<channel>:<contact id>": the key of everything the runtime keeps
 * about one conversation. It is built here and parsed here, nowhere else.
 */

export type ChannelName = 'whatsapp' | 'messenger' | 'instagram' | 'simulator';

/** Every channel a conversation can be on (the Meta channels and the simulator). */
export const CHANNELS: readonly ChannelName[] = ['whatsapp', 'messenger', 'instagram', 'simulator'];

export type ConversationId = string;

/** The parts of a conversation id. */
export interface ConversationRef {
  tenant: string;
  channel: ChannelName;
  contactId: string;
}

/** Contact ids come from the network: keep them to a safe alphabet so they cannot break key hash tags. */
const SAFE_ID = /^[A-Za-z0-9._@+-]{1,128}$/;

export function isSafeContactId(id: string): boolean {
  return SAFE_ID.test(id);
}

export function conversationId(tenant: string, channel: ChannelName, contactId: string): ConversationId {
  return `${tenant}:${channel}:${contactId}`;
}

export function parseConversationId(conv: ConversationId): ConversationRef {
  const [tenant = '', channel = '', ...rest] = conv.split(':');
  return { tenant, channel: channel as ChannelName, contactId: rest.join(':') };
}

/** A conversation id from outside (an admin API path), or null when it is not "<tenant>:<channel>:<contact id>". */
export function validConversationId(raw: string): ConversationId | null {
  const [tenant, channel, contact, ...rest] = raw.split(':');
  if (!tenant || !channel || !contact || rest.length > 0 || !CHANNELS.includes(channel as ChannelName) || !isSafeContactId(contact)) return null;
  return raw;
}
