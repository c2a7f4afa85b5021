/**
 * Key layout. Conversations are spread over `shards` hash slots: every key of a conversation
 * and every index it is listed in (ready, send lanes, timers, active, dedupe, counters) carry
 * the hash tag of the conversation's shard, `{n}`. A script then only ever touches keys of one
 * slot, which Redis Cluster requires, and the shards spread the load over the cluster's nodes.
 * On a single Redis the same layout costs nothing but a loop over the shards when claiming.
 */
import type { ConversationId } from '../../conversation';

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
  deskTranscript: 'h',
} as const;

type Suffix = (typeof CONV_SUFFIX)[keyof typeof CONV_SUFFIX];

/** Default shard count: enough to spread over a small cluster, few enough that an idle claim loop is cheap. */
export const DEFAULT_SHARDS = 8;

/** FNV-1a over the UTF-16 code units: stable across processes and versions (the layout depends on it). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class KeySpace {
  constructor(readonly prefix: string, readonly shards: number = DEFAULT_SHARDS) {
    if (!Number.isInteger(shards) || shards < 1 || shards > 1024) throw new Error(`Redis shards must be an integer from 1 to 1024, got ${shards}`);
  }

  shardOf(conv: ConversationId): number {
    return fnv1a(conv) % this.shards;
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
