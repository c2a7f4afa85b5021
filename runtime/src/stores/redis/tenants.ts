/** Tenant pauses, in Redis. */
import type { TenantStateStore } from '../interfaces';
import type { RedisClient } from './script';

export class RedisTenantStateStore implements TenantStateStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async pause(tenant: string, reason: string, now: number): Promise<void> {
    await this.redis.set(`${this.prefix}paused:${tenant}`, JSON.stringify({ reason, at: now }));
  }

  async resume(tenant: string): Promise<boolean> {
    return (await this.redis.del(`${this.prefix}paused:${tenant}`)) === 1;
  }

  async paused(tenant: string): Promise<{ reason: string; at: number } | null> {
    const raw = await this.redis.get(`${this.prefix}paused:${tenant}`);
    return raw ? (JSON.parse(raw) as { reason: string; at: number }) : null;
  }
}
