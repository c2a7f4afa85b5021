import type { Redis } from 'ioredis';
import type { Claim, Commit, ContactState, ConversationId, ConversationState, ConversationStore, StoredSession } from '../types';
import { convKey } from './keys';
import { LUA_HELPERS, LuaScript } from './script';

const ACTIVE_WINDOW_MS = 24 * 3600 * 1000;

/**
 * The atomic worker commit: fenced by the work lease token, so a worker whose lease
 * expired (and whose conversation another worker took over) writes nothing.
 */
const COMMIT = new LuaScript('conversation.commit', `${LUA_HELPERS}
-- ARGV: prefix, conv, token, now, meta (small JSON), session JSON ('' = unchanged), outbound item JSON…
-- The session and the outbound items travel as their own arguments: no JSON-in-JSON escaping.
local P, conv, token, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local c = cjson.decode(ARGV[5])
local session = ARGV[6]
if redis.call('GET', ck(P, conv, 'wl')) ~= token then return 0 end
local ttl = tonumber(c.ttl)
if c.del then
  redis.call('DEL', ck(P, conv, 's'))
  redis.call('ZREM', P .. 'active', conv)
elseif session ~= '' then
  redis.call('SET', ck(P, conv, 's'), session, 'PX', ttl)
  redis.call('ZADD', P .. 'active', now, conv)
end
if c.pop then redis.call('LPOP', ck(P, conv, 'i')) end
if #ARGV > 6 then
  for i = 7, #ARGV do redis.call('RPUSH', ck(P, conv, 'o'), ARGV[i]) end
  scheduleSend(P, conv, now, false)
end
for _, id in ipairs(c.tc) do
  redis.call('HDEL', ck(P, conv, 't'), id)
  redis.call('ZREM', P .. 'timers', conv .. '\\n' .. id)
end
for _, t in ipairs(c.ts) do
  redis.call('HSET', ck(P, conv, 't'), t[1], t[2])
  redis.call('ZADD', P .. 'timers', t[3], conv .. '\\n' .. t[1])
end
if redis.call('EXISTS', ck(P, conv, 't')) == 1 then redis.call('PEXPIRE', ck(P, conv, 't'), ttl) end
for _, inc in ipairs(c.cn) do redis.call('HINCRBY', P .. 'cnt:' .. inc[1], inc[2], inc[3]) end
if #c.ct > 0 then
  redis.call('HSET', ck(P, conv, 'c'), unpack(c.ct))
  redis.call('PEXPIRE', ck(P, conv, 'c'), ttl)
end
if redis.call('LLEN', ck(P, conv, 'i')) == 0 then redis.call('ZREM', P .. 'ready', conv) end
return 1`);

/** Session, contact and timers in one command (one round trip per inbox item). */
const LOAD = new LuaScript('conversation.load', `${LUA_HELPERS}
local P, conv = ARGV[1], ARGV[2]
return { redis.call('GET', ck(P, conv, 's')), redis.call('HGETALL', ck(P, conv, 'c')), redis.call('HGETALL', ck(P, conv, 't')) }`);

function pairs(flat: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; flat && i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

export class RedisConversationStore implements ConversationStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async load(conv: ConversationId): Promise<ConversationState> {
    const [s, c, t] = (await LOAD.run(this.redis, [this.prefix, conv])) as [string | false | null, string[], string[]];
    const session = typeof s === 'string' ? (JSON.parse(s) as StoredSession) : null;
    const contact = decodeContact(pairs(c));
    const timers: Record<string, number> = {};
    for (const [id, sprint] of Object.entries(pairs(t))) timers[id] = Number(sprint);
    return { session, contact, timers };
  }

  async contact(conv: ConversationId): Promise<ContactState | null> {
    return decodeContact(await this.redis.hgetall(convKey(this.prefix, conv, 'c')));
  }

  async commit(claim: Claim, c: Commit, now: number): Promise<'ok' | 'lost-lease'> {
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
    };
    const res = await COMMIT.run(this.redis, [
      this.prefix, claim.conv, claim.token, now, JSON.stringify(meta), c.session ? JSON.stringify(c.session) : '',
      ...c.outbound.map((o) => JSON.stringify(o)),
    ]);
    return res === 1 ? 'ok' : 'lost-lease';
  }

  async countSessions(): Promise<number> {
    const key = `${this.prefix}active`;
    const cutoff = Date.now() - ACTIVE_WINDOW_MS;
    await this.redis.zremrangebyscore(key, '-inf', cutoff);
    return this.redis.zcard(key);
  }
}

function decodeContact(raw: Record<string, string>): ContactState | null {
  if (Object.keys(raw).length === 0) return null;
  return {
    ...(raw.lastInboundAt ? { lastInboundAt: Number(raw.lastInboundAt) } : {}),
    ...(raw.name ? { name: raw.name } : {}),
    ...(raw.phone ? { phone: raw.phone } : {}),
    ...(raw.via ? { via: raw.via } : {}),
  };
}
