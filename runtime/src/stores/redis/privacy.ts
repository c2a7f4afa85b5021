/**
 * A person's conversation state, exported and erased, in Redis (see PrivacyStore). The keys of a
 * conversation share its shard's hash tag; message states (`c:<conv>:m:<id>`) and dedupe markers
 * have ids only known by scanning, so both operations SCAN the shard's keys once (on every master
 * of a cluster). Erasure is a rare admin action: a full scan is the price of deleting everything.
 */
import { Cluster, type Redis } from 'ioredis';
import { readStoredSession, type ConversationId, type DeskEntry, type InboxItem, type OutboundItem } from '../../conversation';
import type { LegacyStoredSession, StoredSession } from '../../conversation';
import type { ConversationData, DeadLetter, MessageState, PrivacyStore } from '../interfaces';
import { namesConversation } from '../privacy-match';
import { decodeContact } from './conversations';
import type { KeySpace } from './keys';
import { LuaScript, type RedisClient } from './script';

/** Per-conversation key suffixes (keys.ts): the fixed ones, deleted without scanning. */
const SUFFIXES = ['i', 's', 'c', 't', 'o', 'x', 'wl', 'sl', 'h'];

/**
 * Deletes the conversation's keys (the fixed suffixes, then the scanned ones) and its entries in
 * the shard's indexes, in one atomic step: the leases go first, so a worker's or sender's commit
 * after this finds its lease gone and writes nothing. KEYS[1] = the shard's ready index (routing).
 * ARGV: tag, conv, the number of scanned keys, the keys…, timer index members…
 */
const ERASE = new LuaScript(
  'privacy.erase',
  `local T, conv, n = ARGV[1], ARGV[2], tonumber(ARGV[3])
local removed = 0
local base = T .. 'c:' .. conv .. ':'
for _, id in ipairs(redis.call('HKEYS', base .. 't')) do removed = removed + redis.call('ZREM', T .. 'timers', conv .. '\\n' .. id) end
for _, suffix in ipairs({ ${SUFFIXES.map((s) => `'${s}'`).join(', ')} }) do removed = removed + redis.call('DEL', base .. suffix) end
for i = 4, 3 + n do removed = removed + redis.call('DEL', ARGV[i]) end
for i = 4 + n, #ARGV do removed = removed + redis.call('ZREM', T .. 'timers', ARGV[i]) end
for _, index in ipairs({ 'ready', 'send:0', 'send:1', 'send:2', 'active', 'desk' }) do removed = removed + redis.call('ZREM', T .. index, conv) end
return removed`,
);

const SCAN_COUNT = 1000;

export class RedisPrivacyStore implements PrivacyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    /** The dead letters' prefix (`<prefix>{dl}`, see dead-letters.ts). */
    private readonly deadLetterPrefix: string,
  ) {}

  async exportConversation(conv: ConversationId): Promise<ConversationData> {
    const key = (suffix: Parameters<KeySpace['conv']>[1]) => this.keys.conv(conv, suffix);
    const shard = this.keys.shardOf(conv);
    const [session, contact, timers, inbox, outbox, sent, transcript, since] = await Promise.all([
      this.redis.get(key('s')),
      this.redis.hgetall(key('c')),
      this.redis.hgetall(key('t')),
      this.redis.lrange(key('i'), 0, -1),
      this.redis.lrange(key('o'), 0, -1),
      this.redis.hgetall(key('x')),
      this.redis.lrange(key('h'), 0, -1),
      this.redis.zscore(this.keys.index(shard, 'desk'), conv),
    ]);
    const messagePrefix = `${this.keys.tagOf(conv)}c:${conv}:m:`;
    const messageKeys = (await this.scanShard(conv)).filter((k) => k.startsWith(messagePrefix));
    const messages = await Promise.all(
      messageKeys.map(async (k) => {
        const raw = await this.redis.get(k);
        return raw ? { ...(JSON.parse(raw) as MessageState), messageId: k.slice(messagePrefix.length) } : null;
      }),
    );
    const timerSprints: Record<string, number> = {};
    for (const [id, sprint] of Object.entries(timers)) timerSprints[id] = Number(sprint);
    return {
      conv,
      session: session ? readStoredSession(JSON.parse(session) as StoredSession | LegacyStoredSession) : null,
      contact: decodeContact(contact),
      timers: timerSprints,
      inbox: inbox.map((raw) => JSON.parse(raw) as InboxItem),
      outbox: outbox.map((raw) => JSON.parse(raw) as OutboundItem),
      sent,
      messages: messages.filter((m) => m !== null),
      desk:
        transcript.length > 0 || since !== null
          ? { since: since === null ? null : Number(since), transcript: transcript.map((raw) => JSON.parse(raw) as DeskEntry) }
          : null,
      deadLetters: (await this.deadLetters(conv)).map(([, letter]) => letter),
    };
  }

  async eraseConversation(conv: ConversationId, opts: { terms?: readonly string[] } = {}): Promise<number> {
    const shard = this.keys.shardOf(conv);
    const tag = this.keys.tag(shard);
    const own = `${tag}c:${conv}:`;
    const dedupe = `${tag}dd:`;
    const doomed = (await this.scanShard(conv)).filter(
      (k) => k.startsWith(own) || (k.startsWith(dedupe) && namesConversation(k.slice(dedupe.length), conv, opts.terms)),
    );
    const timerMembers = await this.timerMembers(shard, conv);
    let removed = Number(
      await ERASE.run(this.redis, [this.keys.index(shard, 'ready')], [tag, conv, doomed.length, ...doomed, ...timerMembers]),
    );
    const letters = await this.deadLetters(conv);
    for (const [id] of letters) {
      const res = await this.redis.multi().hdel(`${this.deadLetterPrefix}dl`, id).zrem(`${this.deadLetterPrefix}dl:z`, id).exec();
      removed += Number(res?.[0]?.[1] ?? 0);
    }
    return removed;
  }

  /** Every key of the conversation's shard (per-conversation keys, dedupe markers, indexes). */
  private async scanShard(conv: ConversationId): Promise<string[]> {
    const pattern = `${globEscape(this.keys.tagOf(conv))}*`;
    const nodes: Redis[] = this.redis instanceof Cluster ? this.redis.nodes('master') : [this.redis];
    const found: string[] = [];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
        cursor = next;
        found.push(...keys);
      } while (cursor !== '0');
    }
    return found;
  }

  /** Timer index members of the conversation, including any whose timer hash entry is already gone. */
  private async timerMembers(shard: number, conv: ConversationId): Promise<string[]> {
    const members: string[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.zscan(
        this.keys.index(shard, 'timers'),
        cursor,
        'MATCH',
        `${globEscape(conv)}\n*`,
        'COUNT',
        SCAN_COUNT,
      );
      cursor = next;
      for (let i = 0; i < flat.length; i += 2) members.push(flat[i]!);
    } while (cursor !== '0');
    return members;
  }

  private async deadLetters(conv: ConversationId): Promise<Array<[string, DeadLetter]>> {
    const out: Array<[string, DeadLetter]> = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(`${this.deadLetterPrefix}dl`, cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const letter = JSON.parse(flat[i + 1]!) as DeadLetter;
        if (letter.conv === conv) out.push([flat[i]!, letter]);
      }
    } while (cursor !== '0');
    return out;
  }
}

/** A literal string inside a Redis MATCH pattern. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\^]/g, '\\$&');
}
