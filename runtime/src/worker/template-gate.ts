/**
 * The engine's template gate for one step: the session's tenant and the template versions its
 * flow version was published with (ctx.templates renders those, and refuses what is not approved
 * or was paused/disabled since). No templates directory → no gate: template nodes send as before.
 */
import type { TemplateGate } from '@parley/contract';
import { parseConversationId, type ConversationId } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import { isPreview } from '../simulator/preview';
import type { SessionFlow } from './session-flow';

export async function templateGateFor(ctx: RuntimeContext, conv: ConversationId, current: SessionFlow): Promise<TemplateGate | undefined> {
  const service = ctx.templates;
  if (!service?.enabled()) return undefined;
  // Version 0 is a simulator draft: nothing was published, so the files as they are now.
  const pins = current.version > 0 ? await ctx.flows.templatePins(current.flowId, current.version) : undefined;
  return service.gate(gateTenant(ctx, conv), pins);
}

/**
 * Whose template statuses a step sees. A preview runs as the simulator's own tenant, which has no
 * WhatsApp Business Account: it shows what the first WhatsApp tenant would send.
 */
function gateTenant(ctx: RuntimeContext, conv: ConversationId): string {
  const { tenant } = parseConversationId(conv);
  if (!isPreview(conv)) return tenant;
  return ctx.tenants.find((t) => t.channels.some((c) => c.type === 'whatsapp'))?.id ?? tenant;
}
