import { DESK_TRANSCRIPT_MAX, readStoredSession } from '../../conversation';
import type {
  Commit,
  ContactState,
  ConversationId,
  ConversationState,
  InboxItem,
  LegacyStoredSession,
  StoredSession,
} from '../../conversation';
import type { Claim, CommitOptions, CommitResult, ConversationStore } from '../interfaces';
import type { KeySpace } from './keys';
import { encodeJson } from './json';
import { LUA_HELPERS, LuaScript, pairs, type RedisClient } from './script';

const ACTIVE_WINDOW_MS = 24 * 3600 * 1000;

/**
 * The atomic worker commit: fenced by the work lease token, so a worker whose lease
 * expired (and whose conversation another worker took over) writes nothing. Optionally
 * returns the next inbox item with the new state, or gives the lease back when the inbox is
 * empty: one round trip per processed item.
 * KEYS[1] = the shard's ready index; every other key is of the same shard.
 */
const COMMIT = new LuaScript(
  'conversation.commit',
  `${LUA_HELPERS}
-- ARGV: tag, conv, token, now, meta (small JSON), session JSON ('' = unchanged), outbound item JSON…
-- The session and the outbound items travel as their own arguments: no JSON-in-JSON escaping.
local T, conv, token, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local c = cjson.decode(ARGV[5])
local session = ARGV[6]
if redis.call('GET', ck(T, conv, 'wl')) ~= token then return { 0 } end
local ttl = tonumber(c.ttl)
if c.del then
  redis.call('DEL', ck(T, conv, 's'))
  redis.call('ZREM', T .. 'active', conv)
elseif session ~= '' then
  redis.call('SET', ck(T, conv, 's'), session, 'PX', ttl)
  redis.call('ZADD', T .. 'active', now, conv)
end
if c.pop then redis.call('LPOP', ck(T, conv, 'i')) end
for i = #c.rq, 1, -1 do redis.call('LPUSH', ck(T, conv, 'i'), c.rq[i]) end
if #ARGV > 6 then
  for i = 7, #ARGV do redis.call('RPUSH', ck(T, conv, 'o'), ARGV[i]) end
  scheduleSend(T, conv, now, false)
end
for _, id in ipairs(c.tc) do
  redis.call('HDEL', ck(T, conv, 't'), id)
  redis.call('ZREM', T .. 'timers', conv .. '\\n' .. id)
end
for _, t in ipairs(c.ts) do
  redis.call('HSET', ck(T, conv, 't'), t[1], t[2])
  redis.call('ZADD', T .. 'timers', t[3], conv .. '\\n' .. t[1])
end
if redis.call('EXISTS', ck(T, conv, 't')) == 1 then redis.call('PEXPIRE', ck(T, conv, 't'), ttl) end
for _, inc in ipairs(c.cn) do redis.call('HINCRBY', T .. 'cnt:' .. inc[1], inc[2], inc[3]) end
if #c.ct > 0 then
  redis.call('HSET', ck(T, conv, 'c'), unpack(c.ct))
  redis.call('PEXPIRE', ck(T, conv, 'c'), ttl)
end
if c.dk then
  if c.dk.close then
    redis.call('DEL', ck(T, conv, 'h'))
    redis.call('ZREM', T .. 'desk', conv)
  end
  if c.dk.open then redis.call('ZADD', T .. 'desk', 'NX', c.dk.open, conv) end
  if #c.dk.log > 0 then
    redis.call('RPUSH', ck(T, conv, 'h'), unpack(c.dk.log))
    redis.call('LTRIM', ck(T, conv, 'h'), -${DESK_TRANSCRIPT_MAX}, -1)
    redis.call('PEXPIRE', ck(T, conv, 'h'), ttl)
  end
end
local head = redis.call('LINDEX', ck(T, conv, 'i'), 0)
if not head then
  redis.call('ZREM', KEYS[1], conv)
  if c.rel then
    redis.call('DEL', ck(T, conv, 'wl'))
    return { 2 }
  end
end
if c.nx then return { 1, head, convState(T, conv) } end
return { 1 }`,
);

/** Session, contact and timers in one command (one round trip per inbox item). */
const LOAD = new LuaScript(
  'conversation.load',
  `${LUA_HELPERS}
return convState(ARGV[1], ARGV[2])`,
);

/** The reply of `convState` in the Lua helpers. */
export type RawState = [string | false | null, string[], string[]];

export function decodeState([s, c, t]: RawState): ConversationState {
  const session = typeof s === 'string' ? readStoredSession(JSON.parse(s) as StoredSession | LegacyStoredSession) : null;
  const timers: Record<string, number> = {};
  for (const [id, sprint] of Object.entries(pairs(t))) timers[id] = Number(sprint);
  return { session, contact: decodeContact(pairs(c)), timers };
}

export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async load(conv: ConversationId): Promise<ConversationState> {
    const shard = this.keys.shardOf(conv);
    return decodeState((await LOAD.run(this.redis, [this.keys.index(shard, 'ready')], [this.keys.tag(shard), conv])) as RawState);
  }

  async contact(conv: ConversationId): Promise<ContactState | null> {
    return decodeContact(await this.redis.hgetall(this.keys.conv(conv, 'c')));
  }

  async commit(claim: Claim, c: Commit, now: number): Promise<'ok' | 'lost-lease'> {
    return (await this.commitAndContinue(claim, c, now, {})).status;
  }

  async commitAndContinue(claim: Claim, c: Commit, now: number, options: CommitOptions): Promise<CommitResult> {
    const contactFields: string[] = [];
    for (const [k, v] of Object.entries(c.contact ?? {})) if (v !== undefined) contactFields.push(k, String(v));
    const meta = {
      ttl: c.sessionTtlSec * 1000,
      del: c.session === null,
      pop: c.popInbox,
      tc: c.timersCancel,
      ts: c.timersSet.map((t) => [t.timerId, t.sprint, t.dueAt]),
      cn: c.counters.map((x) => [x.key, x.field, x.by]),
      ct: contactFields,
      nx: options.next === true,
      rq: (c.requeue ?? []).map((item) => encodeJson(item)),
      ...(c.desk
        ? { dk: { close: c.desk.close === true, open: c.desk.open?.since ?? false, log: (c.desk.log ?? []).map((e) => encodeJson(e)) } }
        : {}),
      rel: options.releaseWhenEmpty === true,
    };
    const shard = this.keys.shardOf(claim.conv);
    const res = (await COMMIT.run(
      this.redis,
      [this.keys.index(shard, 'ready')],
      [
        // encodeJson: the script cjson-decodes the metadata and (scheduling) the outbound items.
        this.keys.tag(shard),
        claim.conv,
        claim.token,
        now,
        encodeJson(meta),
        c.session ? encodeJson(c.session) : '',
        ...c.outbound.map((o) => encodeJson(o)),
      ],
    )) as [number, (string | null)?, RawState?];
    if (res[0] === 0) return { status: 'lost-lease' };
    if (res[0] === 2) return { status: 'ok', released: true };
    if (res.length < 3) return { status: 'ok' };
    const head = res[1];
    return { status: 'ok', next: { item: head ? (JSON.parse(head) as InboxItem) : null, state: decodeState(res[2] as RawState) } };
  }

  async countSessions(): Promise<number> {
    const cutoff = Date.now() - ACTIVE_WINDOW_MS;
    const counts = await Promise.all(
      this.keys.all().map(async (shard) => {
        const key = this.keys.index(shard, 'active');
        await this.redis.zremrangebyscore(key, '-inf', cutoff);
        return this.redis.zcard(key);
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}

export function decodeContact(raw: Record<string, string>): ContactState | null {
  if (Object.keys(raw).length === 0) return null;
  return {
    ...(raw.lastInboundAt ? { lastInboundAt: Number(raw.lastInboundAt) } : {}),
    ...(raw.name ? { name: raw.name } : {}),
    ...(raw.phone ? { phone: raw.phone } : {}),
    ...(raw.via ? { via: raw.via } : {}),
  };
}
