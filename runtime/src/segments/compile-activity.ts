/**
 * Conditions on what a contact did: flows entered, nodes reached, buttons clicked and messages
 * sent (contact_activity), and campaign outcomes (campaign_recipients: sent, replied, converted).
 * A campaign id also matches the occurrences of a recurring campaign (children by parent_id).
 */
import type { ActivityCondition } from '@parley/contract';
import { DAY_MS, needBoolean, needDays, needString, oneOf, SegmentFilterError, type CompileScope } from './compile-params';

type Detail = 'flow' | 'node' | 'button' | 'campaign';

/** What each activity may be narrowed by (anything else is a mistake worth naming). */
const DETAILS: Record<ActivityCondition['activity'], readonly Detail[]> = {
  flow_entered: ['flow', 'campaign'],
  node_reached: ['node', 'flow', 'campaign'],
  button_clicked: ['button', 'flow', 'node', 'campaign'],
  message_received: ['campaign'],
  campaign_sent: ['campaign'],
  replied: ['campaign'],
  converted: ['campaign'],
};

/** Campaign outcomes: the recipient row's time column. */
const OUTCOMES: Partial<Record<ActivityCondition['activity'], string>> = {
  campaign_sent: 'r.sent_at',
  replied: 'r.replied_at',
  converted: 'r.converted_at',
};

const COLUMN: Record<Exclude<Detail, 'campaign'>, string> = { flow: 'a.flow_id', node: 'a.node_id', button: 'a.value' };

export function compileActivity(condition: ActivityCondition, path: string, scope: CompileScope): string {
  const activity = condition.activity;
  const allowed = DETAILS[activity];
  if (!allowed) throw new SegmentFilterError(`${path}.activity`, oneOf(Object.keys(DETAILS)), activity);
  for (const detail of ['flow', 'node', 'button', 'campaign'] as const) {
    if (condition[detail] !== undefined && !allowed.includes(detail)) {
      throw new SegmentFilterError(
        `${path}.${detail}`,
        `nothing: ${activity} is narrowed only by ${allowed.join(', ')}`,
        condition[detail],
      );
    }
  }
  if (activity === 'node_reached' && condition.node === undefined)
    throw new SegmentFilterError(`${path}.node`, 'the node id to have reached');
  const negate = condition.negate === undefined ? false : needBoolean(condition.negate, `${path}.negate`);
  const { params } = scope;
  const since = condition.withinDays === undefined ? undefined : scope.now - needDays(condition.withinDays, `${path}.withinDays`) * DAY_MS;

  const where: string[] = [];
  let from: string;
  const outcome = OUTCOMES[activity];
  if (outcome) {
    from = 'campaign_recipients r';
    where.push('r.tenant = c.tenant', 'r.contact_id = c.id', `${outcome} IS NOT NULL`);
    if (condition.campaign !== undefined) where.push(campaignMatch('r', needString(condition.campaign, `${path}.campaign`), scope));
    if (since !== undefined) where.push(`${outcome} >= ${params.add(Math.round(since), 'bigint')}`);
  } else {
    from = 'contact_activity a';
    where.push('a.tenant = c.tenant', 'a.contact_id = c.id', `a.kind = ${params.add(activity, 'text')}`);
    for (const detail of ['flow', 'node', 'button'] as const) {
      if (condition[detail] !== undefined)
        where.push(`${COLUMN[detail]} = ${params.add(needString(condition[detail], `${path}.${detail}`), 'text')}`);
    }
    if (condition.campaign !== undefined) where.push(campaignMatch('a', needString(condition.campaign, `${path}.campaign`), scope));
    if (since !== undefined) where.push(`a.at >= ${params.add(Math.round(since), 'bigint')}`);
  }
  return `${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')})`;
}

function campaignMatch(alias: 'a' | 'r', campaign: string, scope: CompileScope): string {
  const id = scope.params.add(campaign, 'text');
  return `(${alias}.campaign_id = ${id} OR ${alias}.campaign_id IN (SELECT p.id FROM campaigns p WHERE p.tenant = c.tenant AND p.parent_id = ${id}))`;
}
