/**
 * An agent's template reply: rendered and checked by the same gate a flow's template node asks
 * (the files' current content, the live status), so an agent cannot send what Meta has paused.
 */
import type { TemplateMessage } from '@parley/contract';
import { parseConversationId, type ConversationId } from '../conversation';
import type { RuntimeContext } from '../platform/context';

/** The prepared message, or why it cannot be sent (a sentence for the 409). */
export async function prepareAgentTemplate(
  ctx: RuntimeContext,
  conv: ConversationId,
  template: { name: string; language: string; values?: Record<string, unknown> },
): Promise<{ message: TemplateMessage } | string> {
  if (!ctx.templates?.enabled()) return 'this runtime has no templates (templatesDir is missing or empty), so an agent cannot send one';
  const gate = await ctx.templates.gate(parseConversationId(conv).tenant, undefined);
  const prepared = gate.prepare({ name: template.name, language: template.language, values: template.values ?? {} });
  if (!prepared.ok) return `template ${template.name} (${template.language}) cannot be sent: ${prepared.reason}: ${prepared.detail}`;
  return { message: prepared.message };
}
