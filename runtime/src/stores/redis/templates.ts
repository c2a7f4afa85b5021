/**
 * Template states and pinned template contents, in Redis. A tenant's states are one hash
 * (`tpl:states:<tenant>`, field `<name>/<language>`, value the state's JSON): one HGETALL
 * refreshes a process's cache. Contents are immutable strings keyed by their hash.
 */
import type { TemplateLanguageState } from '@parley/contract';
import type { KeptTemplate, TemplateContentStore, TemplateStateMerge, TemplateStatePatch, TemplateStateStore } from '../interfaces';
import { LuaScript, type RedisClient } from './script';

/**
 * The merge of memory/templates.ts (mergeTemplateState) as one atomic step: null (cjson.null)
 * removes a field, updatedAt alone is not a change, a patch from an earlier second than the
 * state's updatedAt is stale (a late webhook), nothing is written without a change.
 * Returns { before JSON or false, after JSON (the one before when nothing changed), changed 0|1 }.
 */
const MERGE = new LuaScript(
  'templates.merge',
  `
local key, field, patch, base = KEYS[1], ARGV[1], cjson.decode(ARGV[2]), ARGV[3]
local raw = redis.call('HGET', key, field)
local beforeRaw = raw or (base ~= '' and base) or false
local after = beforeRaw and cjson.decode(beforeRaw) or {}
if type(patch.updatedAt) == 'number' and type(after.updatedAt) == 'number'
  and math.floor(patch.updatedAt / 1000) < math.floor(after.updatedAt / 1000) then
  return { beforeRaw, beforeRaw, 0 }
end
local changed = beforeRaw == false
for k, v in pairs(patch) do
  local differs
  if v == cjson.null then differs = after[k] ~= nil else differs = after[k] ~= v end
  if differs then
    if v == cjson.null then after[k] = nil else after[k] = v end
    if k ~= 'updatedAt' then changed = true end
  end
end
if after.status == nil then after.status = 'not_submitted' end
local afterRaw = cjson.encode(after)
if changed then redis.call('HSET', key, field, afterRaw) elseif beforeRaw then afterRaw = beforeRaw end
return { beforeRaw, afterRaw, changed and 1 or 0 }`,
);

export class RedisTemplateStateStore implements TemplateStateStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(tenant: string): string {
    return `${this.prefix}tpl:states:${tenant}`;
  }

  async all(tenant: string): Promise<Record<string, Record<string, TemplateLanguageState>>> {
    const out: Record<string, Record<string, TemplateLanguageState>> = {};
    for (const [field, raw] of Object.entries(await this.redis.hgetall(this.key(tenant)))) {
      const cut = field.indexOf('/');
      if (cut < 0) continue;
      const name = field.slice(0, cut);
      (out[name] ??= {})[field.slice(cut + 1)] = JSON.parse(raw) as TemplateLanguageState;
    }
    return out;
  }

  async merge(
    tenant: string,
    name: string,
    language: string,
    patch: TemplateStatePatch,
    base?: TemplateLanguageState,
  ): Promise<TemplateStateMerge> {
    // Template names are [a-z0-9_] (validated), so '/' cannot occur in one.
    const [before, after, changed] = (await MERGE.run(
      this.redis,
      [this.key(tenant)],
      [`${name}/${language}`, JSON.stringify(patch), base ? JSON.stringify(base) : ''],
    )) as [string | null, string, number];
    return {
      before: before ? (JSON.parse(before) as TemplateLanguageState) : null,
      after: JSON.parse(after) as TemplateLanguageState,
      changed: changed === 1,
    };
  }
}

export class RedisTemplateContentStore implements TemplateContentStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async put(content: KeptTemplate): Promise<void> {
    await this.redis.set(`${this.prefix}tpl:content:${content.hash}`, JSON.stringify(content), 'NX');
  }

  async get(hash: string): Promise<KeptTemplate | null> {
    const raw = await this.redis.get(`${this.prefix}tpl:content:${hash}`);
    return raw === null ? null : (JSON.parse(raw) as KeptTemplate);
  }
}
