/**
 * Key layout. Conversations are spread over `shards` hash slots: every key of a conversation
 * and every index it is listed in (ready, send lanes, timers, active, dedupe, counters) carry
 * the hash tag of the conversation's shard, `{n}`. A script then only ever touches keys of one
 * slot, which Redis Cluster requires, and the shards spread the load over the cluster's nodes.
 * On a single Redis the same layout costs nothing but a loop over the shards when claiming.
 */
import { fnv1a32 } from '@parley/contract';
import type { ConversationId } from '../../conversation';

/** Per-conversation key suffixes (short: they count in the bytes-per-conversation budget). */
type ConvSuffixes = {
  inbox: 'i';
  session: 's';
  contact: 'c';
  timers: 't';
  outbox: 'o';
  sent: 'x';
  workLease: 'wl';
  sendLease: 'sl';
  deskTranscript: 'h';
};

type Suffix = ConvSuffixes[keyof ConvSuffixes];

/** Default shard count: enough to spread over a small cluster, few enough that an idle claim loop is cheap. */
export const DEFAULT_SHARDS = 8;

export class KeySpace {
  constructor(
    readonly prefix: string,
    readonly shards: number = DEFAULT_SHARDS,
  ) {
    if (!Number.isInteger(shards) || shards < 1 || shards > 1024)
      throw new Error(`Redis shards must be an integer from 1 to 1024, got ${shards}`);
  }

  /** The shard of a conversation (or of any key spread over the shards, like a counter's). */
  shardOf(conv: ConversationId | string): number {
    // FNV-1a decides which shard holds a conversation: it must stay the same across versions (the stored layout depends on it).
    return fnv1a32(conv) % this.shards;
  }

  /** Every key of shard `n` starts with this (the Lua scripts get it as ARGV[1] and build keys from it). */
  tag(shard: number): string {
    return `${this.prefix}{${shard}}`;
  }

  tagOf(conv: ConversationId): string {
    return this.tag(this.shardOf(conv));
  }

  /** Same as `ck` in the Lua helpers. */
  conv(conv: ConversationId, suffix: Suffix): string {
    return `${this.tagOf(conv)}c:${conv}:${suffix}`;
  }

  /** A sent message's state (same as `ck(T, conv, 'm:' .. id)` in the ack script). */
  message(conv: ConversationId, messageId: string): string {
    return `${this.tagOf(conv)}c:${conv}:m:${messageId}`;
  }

  /** A shard index: ready, send:<lane>, timers, active, cnt:<key>. */
  index(shard: number, name: string): string {
    return `${this.tag(shard)}${name}`;
  }

  all(): number[] {
    return Array.from({ length: this.shards }, (_, i) => i);
  }
}
