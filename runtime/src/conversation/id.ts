/**
 * The conversation id "<tenant>:<channel>:<contact id>": the key of everything the runtime keeps
 * about one conversation. It is built and parsed here and nowhere else: code that needs the
 * tenant, channel or contact asks `parseConversationId`, never splits the string.
 */

import { CONVERSATION_CHANNELS, isConversationChannel, type ConversationChannel } from '@parley/contract';

/** A conversation's channel: one of Meta's, or the simulator (the list is declared once, in @parley/contract). */
export type ChannelName = ConversationChannel;

/** Every channel a conversation can be on (the Meta channels and the simulator). */
export const CHANNELS: readonly ChannelName[] = CONVERSATION_CHANNELS;

declare const conversationIdBrand: unique symbol;

/**
 * A conversation id that came from `conversationId` (ingress, admin API) or from a store that only
 * holds such ids: a plain string cannot be passed where one is expected by mistake.
 */
export type ConversationId = string & { readonly [conversationIdBrand]: true };

/** The parts of a conversation id. */
export interface ConversationRef {
  tenant: string;
  channel: ChannelName;
  contactId: string;
}

/** Thrown by `parseConversationId` for a string that is not "<tenant>:<channel>:<contact id>". */
export class MalformedConversationId extends Error {
  constructor(
    readonly raw: string,
    why: string,
  ) {
    super(`"${raw}" is not a conversation id "<tenant>:<channel>:<contact id>": ${why}`);
    this.name = 'MalformedConversationId';
  }
}

/** Contact ids come from the network: keep them to a safe alphabet so they cannot break key hash tags. */
const SAFE_ID = /^[A-Za-z0-9._@+-]{1,128}$/;

export function isSafeContactId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** Builds the id; the caller has checked the contact id (`isSafeContactId`): it comes from the network. */
export function conversationId(tenant: string, channel: ChannelName, contactId: string): ConversationId {
  return `${tenant}:${channel}:${contactId}` as ConversationId;
}

/**
 * The id of a conversation a store handed back: stores only hold ids made by `conversationId`,
 * so it is trusted as is (reading a queue must not fail on its own members).
 */
export function storedConversationId(raw: string): ConversationId {
  return raw as ConversationId;
}

/** Tenant, channel and contact of an id; throws `MalformedConversationId` when it has not exactly those three parts. */
export function parseConversationId(conv: string): ConversationRef {
  const parts = conv.split(':');
  if (parts.length !== 3) throw new MalformedConversationId(conv, `it has ${parts.length} part(s), not 3`);
  const [tenant = '', channel = '', contactId = ''] = parts;
  if (!tenant) throw new MalformedConversationId(conv, 'the tenant is empty');
  if (!isConversationChannel(channel)) throw new MalformedConversationId(conv, `"${channel}" is not one of ${CHANNELS.join(', ')}`);
  if (!contactId) throw new MalformedConversationId(conv, 'the contact id is empty');
  return { tenant, channel, contactId };
}

/** Checks the parts of `raw` (throws `MalformedConversationId`) and returns it as a conversation id. */
export function asConversationId(raw: string): ConversationId {
  const { tenant, channel, contactId } = parseConversationId(raw);
  return conversationId(tenant, channel, contactId);
}

/** A conversation id from outside (an admin API path), or null when it is not "<tenant>:<channel>:<contact id>" with a safe contact id. */
export function validConversationId(raw: string): ConversationId | null {
  try {
    const { tenant, channel, contactId } = parseConversationId(raw);
    return isSafeContactId(contactId) ? conversationId(tenant, channel, contactId) : null;
  } catch (err) {
    if (err instanceof MalformedConversationId) return null;
    throw err;
  }
}
