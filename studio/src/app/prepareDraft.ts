/**
 * What the editor opens: the draft from the server, upgraded to the current
 * spec when it was written for an older one (the upgrade is only a draft until
 * saved), or a plain-words reason why it cannot be opened.
 */
import { migrateFlow, SPEC_VERSION, type Flow } from '@parley/flow';
import type { FlowDraft } from '../api/client';
import { emptyLayout } from '../model/doc';

export type Prepared = { ok: true; draft: FlowDraft; notice?: string } | { ok: false; message: string };

export function prepareDraft(d: FlowDraft): Prepared {
  const raw = d.flow as unknown as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object') return { ok: false, message: 'The flow file is not a JSON object, so the studio cannot open it.' };
  let flow = d.flow;
  let notice: string | undefined;
  if (raw.specVersion !== SPEC_VERSION) {
    const m = migrateFlow(raw);
    if (!m.ok || !m.flow) {
      return {
        ok: false,
        message: `This flow cannot be opened: ${m.issues.map((i) => i.message).join(' ') || 'its spec version is not supported.'}`,
      };
    }
    flow = m.flow as Flow;
    if (m.applied.length) notice = `This flow was upgraded (${m.applied.join(', ')}). Save to keep the upgrade.`;
  }
  if (!Array.isArray(flow.nodes))
    return { ok: false, message: 'The flow has no "nodes" list, so the studio cannot draw it. Fix the file and reload.' };
  if (!Array.isArray(flow.languages)) flow = { ...flow, languages: ['en'] };
  const layout = d.layout && typeof d.layout === 'object' && d.layout.positions ? d.layout : emptyLayout(flow.id);
  return { ok: true, draft: { ...d, flow, layout }, ...(notice ? { notice } : {}) };
}
