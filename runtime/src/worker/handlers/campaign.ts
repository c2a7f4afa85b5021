/**
 * A campaign's message to one contact (queued by campaigns/fanout.ts): a variant with a flow
 * starts it like a business event does (the running session is replaced), on the bulk lane, with
 * `campaign` on the session so its sends are the campaign's; a variant with a template queues
 * that template on the bulk lane without a session. A person at the desk is not interrupted.
 */
import type { OutboundMessage } from '@parley/flow';
import { noteRefused } from '../../campaigns/tracking';
import type { OutboundItem } from '../../conversation';
import { commitOnly, emptyCommit, emptyOutcome, type ProcessOutcome } from '../outcome';
import { engineContact, startSession } from '../start-session';
import type { ItemContext, ItemOf } from './context';

type CampaignItem = ItemOf<'campaign'>;

const BULK_LANE = 2;

export async function handleCampaign(item: CampaignItem, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv } = cx;
  const { ctx } = env;
  const tag = { id: item.campaign, variant: item.variant };
  if (cx.session?.desk) {
    ctx.log.info({ conv, campaign: item.campaign }, 'campaign message not started: a person has the conversation');
    return emptyOutcome(ctx);
  }
  if (item.flowId !== undefined) {
    const live = await ctx.flows.live(item.flowId);
    if (!live) {
      ctx.log.warn({ conv, campaign: item.campaign, flow: item.flowId }, 'campaign message not started: its flow is no longer published');
      noteRefused(ctx, conv, tag, 'flow_unpublished');
      return emptyOutcome(ctx);
    }
    const language = item.contact.language;
    return startSession(env, conv, {
      chosen: {
        flowId: item.flowId,
        flow: live.flow,
        version: live.version,
        trigger: { kind: 'event', name: `campaign:${item.campaign}`, params: item.vars },
      },
      contact: { ...engineContact(cx.contactId, item.contact), ...(language ? { language } : {}) },
      channel: cx.channel,
      lane: BULK_LANE,
      causedAt: item.receivedAt,
      campaign: tag,
      ...(cx.state.session ? { previous: cx.state.session } : {}),
    });
  }
  const message = item.template ? await renderTemplate(cx, item) : null;
  if (!message) return emptyOutcome(ctx);
  const outbound: OutboundItem = {
    key: `campaign:${item.campaign}:${cx.contactId}`,
    nodeId: `campaign:${item.variant}`,
    lane: BULK_LANE,
    message,
    attempts: 0,
    createdAt: ctx.now(),
    campaign: tag,
  };
  return commitOnly({ ...emptyCommit(ctx), outbound: [outbound] });
}

/** The variant's template for this contact (its language when the template has it), rendered and checked by the template gate. */
async function renderTemplate(cx: ItemContext, item: CampaignItem): Promise<OutboundMessage | null> {
  const { ctx } = cx.env;
  const spec = item.template!;
  const service = ctx.templates;
  const values = Object.fromEntries(Object.entries(spec.values ?? {}).map(([k, v]) => [k, interpolate(v, item.vars)]));
  if (!service?.enabled())
    return { kind: 'template', name: spec.name, language: spec.language ?? item.contact.language ?? 'en', params: {} };
  const languages = Object.keys(service.get(spec.name)?.languages ?? {});
  const wanted = item.contact.language;
  const language =
    spec.language ??
    (wanted && languages.includes(wanted) ? wanted : languages.find((l) => wanted && l.split('_')[0] === wanted.split('_')[0])) ??
    languages[0] ??
    'en';
  const gate = await service.gate(cx.tenant, undefined);
  const prepared = gate.prepare({ name: spec.name, language, values });
  if (prepared.ok) return prepared.message;
  ctx.log.warn(
    { conv: cx.conv, campaign: item.campaign, template: spec.name, language, reason: prepared.reason, detail: prepared.detail },
    `campaign template not sent: ${prepared.reason}`,
  );
  noteRefused(ctx, cx.conv, { id: item.campaign, variant: item.variant }, 'template_not_approved');
  return null;
}

const EXPRESSION = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

/** `{{contact.name}}` / `{{contact.fields.plan}}` from the item's vars; a value that is one whole expression keeps its type. */
function interpolate(text: string, vars: Record<string, unknown>): unknown {
  const whole = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/.exec(text);
  if (whole) return lookup(vars, whole[1]!) ?? '';
  return text.replace(EXPRESSION, (_m, path: string) => {
    const value = lookup(vars, path);
    return value === undefined || value === null ? '' : String(value);
  });
}

function lookup(vars: Record<string, unknown>, path: string): unknown {
  let at: unknown = vars;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
