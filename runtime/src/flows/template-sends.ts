/**
 * The publish gate's questions: which templates can a flow send (its template nodes and those of
 * the subflows it calls, in the node's language), and which of them Meta has not approved for a
 * tenant that serves WhatsApp. Publishing is refused while any is not approved (issue #11):
 * a template that is not approved would only ever take the node's failure path.
 */
import type { TemplateInfo, TemplateStatus } from '@parley/contract';
import type { Flow } from '@parley/flow';
import { templateInfo } from '@parley/templates';
import type { ResolvedTenant } from '../config/types';
import type { TemplateService } from '../templates/service';

export interface TemplateSend {
  name: string;
  language: string;
}

export interface UnapprovedTemplate extends TemplateSend {
  status: TemplateStatus;
  tenant: string;
}

/** Subflows deeper than this are not followed (the engine refuses deeper calls too). */
const MAX_SUBFLOW_DEPTH = 8;

/**
 * Every (template, language) the flow's template nodes name, then its subflows' (as `loadSubflow`
 * returns them: the live versions new sessions would call), each once, in the order found.
 */
export async function templateSends(flow: Flow, loadSubflow: (flowId: string) => Promise<Flow | null>): Promise<TemplateSend[]> {
  const found = new Map<string, TemplateSend>();
  const visited = new Set<string>([flow.id]);
  let level: Flow[] = [flow];
  for (let depth = 0; level.length > 0 && depth <= MAX_SUBFLOW_DEPTH; depth++) {
    const next: Flow[] = [];
    for (const f of level) {
      for (const node of f.nodes) {
        if (node.type === 'template') found.set(`${node.name}\u0000${node.language}`, { name: node.name, language: node.language });
        if (node.type === 'subflow' && !visited.has(node.flow)) {
          visited.add(node.flow);
          const child = await loadSubflow(node.flow);
          if (child) next.push(child);
        }
      }
    }
    level = next;
  }
  return [...found.values()];
}

/** Tenants that send WhatsApp templates (the other channels have none). */
function whatsappTenants(tenants: readonly ResolvedTenant[]): ResolvedTenant[] {
  return tenants.filter((t) => t.channels.some((c) => c.type === 'whatsapp'));
}

/** The sends whose language is not `approved` for a WhatsApp tenant (status `not_submitted` when Meta has never seen it). */
export async function unapprovedTemplates(
  templates: TemplateService,
  tenants: readonly ResolvedTenant[],
  sends: readonly TemplateSend[],
): Promise<UnapprovedTemplate[]> {
  const out: UnapprovedTemplate[] = [];
  for (const tenant of whatsappTenants(tenants)) {
    for (const send of sends) {
      const states = await templates.states(tenant.id, send.name);
      const status = states[send.language]?.status ?? 'not_submitted';
      if (status !== 'approved') out.push({ ...send, status, tenant: tenant.id });
    }
  }
  return out;
}

/**
 * What flow validation knows of the templates a flow's nodes name (unknown names stay unknown):
 * the files, with the statuses of the first WhatsApp tenant (approval is the publish gate's
 * question per tenant; validation only warns about it).
 */
export async function templateInfoLookup(
  templates: TemplateService,
  tenants: readonly ResolvedTenant[],
  flow: Flow,
): Promise<(name: string) => TemplateInfo | undefined> {
  const tenant = whatsappTenants(tenants)[0]?.id;
  const infos = new Map<string, TemplateInfo>();
  for (const node of flow.nodes) {
    if (node.type !== 'template' || infos.has(node.name)) continue;
    const file = templates.get(node.name);
    if (file) infos.set(node.name, templateInfo(file, tenant ? await templates.states(tenant, node.name) : {}));
  }
  return (name) => infos.get(name);
}

/** One sentence naming what is not approved, for the 409 and the log. */
export function describeUnapproved(flowId: string, unapproved: readonly UnapprovedTemplate[]): string {
  const shown = unapproved.slice(0, 5).map((u) => `${u.name} (${u.language}) is ${u.status.replace(/_/g, ' ')} for tenant ${u.tenant}`);
  const more = unapproved.length > shown.length ? ` and ${unapproved.length - shown.length} more` : '';
  return (
    `flow ${flowId} can send templates Meta has not approved: ${shown.join('; ')}${more}. ` +
    'Get them approved (parley templates push / the Templates page), or publish anyway with force: true and a reason'
  );
}
