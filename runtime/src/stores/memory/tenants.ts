/** Tenant pauses, in memory. */
import type { TenantStateStore } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryTenantStateStore implements TenantStateStore {
  constructor(private readonly s: MemoryState) {}

  async pause(tenant: string, reason: string, now: number): Promise<void> {
    this.s.pausedTenants.set(tenant, { reason, at: now });
  }

  async resume(tenant: string): Promise<boolean> {
    return this.s.pausedTenants.delete(tenant);
  }

  async paused(tenant: string): Promise<{ reason: string; at: number } | null> {
    return this.s.pausedTenants.get(tenant) ?? null;
  }
}
