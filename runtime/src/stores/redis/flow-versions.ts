/** Published flow versions, in Redis. */
import type { FlowVersionRecord, FlowVersionStore } from '../interfaces';
import { LuaScript, type RedisClient } from './script';

/** Versions are a hash version → record; the next number is HLEN + 1, assigned atomically. */
const PUBLISH = new LuaScript(
  'flows.publish',
  `
local key, rec, force = KEYS[1], cjson.decode(ARGV[1]), ARGV[2]
local n = redis.call('HLEN', key)
if n > 0 and force ~= '1' then
  local last = cjson.decode(redis.call('HGET', key, n))
  if last.hash == rec.hash then return { n, 0 } end
end
rec.version = n + 1
redis.call('HSET', key, n + 1, cjson.encode(rec))
return { n + 1, 1 }`,
);

export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(flowId: string): string {
    return `${this.prefix}fv:${flowId}`;
  }

  async publish(
    record: Omit<FlowVersionRecord, 'version'>,
    opts: { force?: boolean } = {},
  ): Promise<{ version: number; created: boolean }> {
    // The flow travels as a JSON string inside the record so cjson cannot reshape it
    // (cjson turns empty objects into arrays).
    const wire = {
      ...record,
      flow: JSON.stringify(record.flow),
      layout: record.layout === undefined ? undefined : JSON.stringify(record.layout),
    };
    const [version, created] = (await PUBLISH.run(
      this.redis,
      [this.key(record.flowId)],
      [JSON.stringify(wire), opts.force ? '1' : '0'],
    )) as [number, number];
    return { version: Number(version), created: created === 1 };
  }

  private decode(raw: string | null): FlowVersionRecord | null {
    if (!raw) return null;
    const wire = JSON.parse(raw) as FlowVersionRecord & { flow: string; layout?: string };
    return { ...wire, flow: JSON.parse(wire.flow) as unknown, layout: wire.layout ? (JSON.parse(wire.layout) as unknown) : undefined };
  }

  async get(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    return this.decode(await this.redis.hget(this.key(flowId), String(version)));
  }

  async latest(flowId: string): Promise<FlowVersionRecord | null> {
    const n = await this.redis.hlen(this.key(flowId));
    return n === 0 ? null : this.get(flowId, n);
  }

  async list(flowId: string): Promise<Array<Omit<FlowVersionRecord, 'flow' | 'layout'>>> {
    const all = await this.redis.hvals(this.key(flowId));
    return all
      .map((raw) => {
        const { flow: _f, layout: _l, ...meta } = JSON.parse(raw) as FlowVersionRecord;
        return meta;
      })
      .sort((a, b) => b.version - a.version);
  }
}
