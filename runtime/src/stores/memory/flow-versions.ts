/** Published flow versions, in memory. */
import type { FlowVersionRecord, FlowVersionStore } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryFlowVersionStore implements FlowVersionStore {
  constructor(private readonly s: MemoryState) {}

  async publish(
    record: Omit<FlowVersionRecord, 'version'>,
    opts: { force?: boolean } = {},
  ): Promise<{ version: number; created: boolean }> {
    const list = this.s.flowVersions.get(record.flowId) ?? [];
    const last = list[list.length - 1];
    if (!opts.force && last && last.hash === record.hash) return { version: last.version, created: false };
    const version = list.length + 1;
    list.push(structuredClone({ ...record, version }));
    this.s.flowVersions.set(record.flowId, list);
    return { version, created: true };
  }

  async get(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    const rec = this.s.flowVersions.get(flowId)?.[version - 1];
    return rec ? structuredClone(rec) : null;
  }

  async latest(flowId: string): Promise<FlowVersionRecord | null> {
    const list = this.s.flowVersions.get(flowId);
    const rec = list?.[list.length - 1];
    return rec ? structuredClone(rec) : null;
  }

  async list(flowId: string): Promise<Array<Omit<FlowVersionRecord, 'flow' | 'layout'>>> {
    return (this.s.flowVersions.get(flowId) ?? []).map(({ flow: _f, layout: _l, ...meta }) => meta).reverse();
  }
}
