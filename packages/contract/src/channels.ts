/**
 * The channels a conversation can live on. Meta's three (`CHANNELS`) are the ones with
 * webhooks and a Graph API; the simulator is the studio's and the CLI's preview channel,
 * which conversations (and their ids) may also carry.
 */
import { Type, type Static } from 'typebox';

export const CHANNELS = ['whatsapp', 'messenger', 'instagram'] as const;

/** One of Meta's messaging channels. */
export const Channel = Type.Enum(CHANNELS, { description: "One of Meta's messaging channels" });
export type Channel = Static<typeof Channel>;

export const SIMULATOR_CHANNEL = 'simulator';

/** Every channel a conversation may be on: Meta's three plus the simulator. */
export const CONVERSATION_CHANNELS = [...CHANNELS, SIMULATOR_CHANNEL] as const;

export const ConversationChannel = Type.Enum(CONVERSATION_CHANNELS, {
  description: "A conversation's channel: one of Meta's, or the simulator",
});
export type ConversationChannel = Static<typeof ConversationChannel>;

export function isChannel(value: unknown): value is Channel {
  return (CHANNELS as readonly unknown[]).includes(value);
}

export function isConversationChannel(value: unknown): value is ConversationChannel {
  return (CONVERSATION_CHANNELS as readonly unknown[]).includes(value);
}
