/** Send rate limits per number, in memory. */
import type { RateLimiter } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryRateLimiter implements RateLimiter {
  constructor(private readonly s: MemoryState) {}

  private readonly holds = new Map<string, number>();

  async hold(bucket: string, ms: number, now: number): Promise<void> {
    this.holds.set(bucket, Math.max(this.holds.get(bucket) ?? 0, now + ms));
  }

  async heldFor(bucket: string, now: number): Promise<number> {
    return Math.max(0, (this.holds.get(bucket) ?? 0) - now);
  }

  async take(bucket: string, limit: number, now: number): Promise<boolean> {
    return (await this.takeUpTo(bucket, limit, now, 1)) === 1;
  }

  async takeUpTo(bucket: string, limit: number, now: number, wanted: number): Promise<number> {
    if ((await this.heldFor(bucket, now)) > 0) return 0;
    const key = `${bucket}:${Math.floor(now / 1000)}`;
    const used = this.s.rate.get(key) ?? 0;
    const granted = Math.max(0, Math.min(Math.max(1, Math.floor(wanted)), limit - used));
    this.s.rate.set(key, used + granted);
    if (this.s.rate.size > 10_000) this.s.rate.clear();
    return granted;
  }
}
