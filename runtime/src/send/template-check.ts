/**
 * The sender's last look before a template goes out: the flow checked the template when it queued
 * the message, but Meta may have paused or disabled it since (a quality drop, a policy action).
 * Such a send is not attempted — Meta would refuse it with 132015/132016 — it is dead-lettered
 * with the reason and counted.
 */
import type { TemplateMessage } from '@parley/contract';
import type { RuntimeContext } from '../platform/context';

export interface BlockedTemplate {
  status: 'paused' | 'disabled';
  /** The dead letter's reason: starts with `template_paused` / `template_disabled`. */
  reason: string;
  /** The Graph error code Meta would have answered with. */
  code: number;
}

const META_CODE = { paused: 132015, disabled: 132016 } as const;

export async function blockedTemplate(ctx: RuntimeContext, tenant: string, message: TemplateMessage): Promise<BlockedTemplate | null> {
  const templates = ctx.templates;
  if (!templates?.enabled()) return null;
  const state = await templates.blocked(tenant, message.name, message.language);
  if (!state || (state.status !== 'paused' && state.status !== 'disabled')) return null;
  const why = state.reason ? ` (${state.reason})` : '';
  return {
    status: state.status,
    reason: `template_${state.status}: template ${message.name} (${message.language}) is ${state.status} at Meta${why}; the send was not attempted`,
    code: META_CODE[state.status],
  };
}
