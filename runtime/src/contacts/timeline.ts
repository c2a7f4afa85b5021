/**
 * A contact's timeline, newest first: what they did (contact_activity), their consent ledger and
 * what each campaign did with them (campaign_recipients), merged into one list of entries a
 * person can read.
 */
import type { ConsentEvent } from '@parley/contract';
import type { TimelineEntry } from '@parley/contract/api';
import { consentEvents } from '../consent/ledger';
import type { Sql } from '../db/sql';

interface ActivityRow {
  kind: string;
  flow_id: string | null;
  node_id: string | null;
  campaign_id: string | null;
  value: string | null;
  at: number;
}

interface RecipientRow {
  campaign_id: string;
  name: string | null;
  variant: string;
  status: string;
  reason: string | null;
  due_at: number;
  queued_at: number | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  replied_at: number | null;
  clicked_at: number | null;
  opted_out_at: number | null;
  converted_at: number | null;
  failed_at: number | null;
}

export async function contactTimeline(
  sql: Sql,
  tenant: string,
  contactId: string,
  opts: { limit?: number } = {},
): Promise<TimelineEntry[]> {
  const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
  const [activity, consent, recipients] = await Promise.all([
    sql.query<ActivityRow>(
      `SELECT kind, flow_id, node_id, campaign_id, value, at FROM contact_activity
        WHERE tenant = $1 AND contact_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
      [tenant, contactId, limit],
    ),
    consentEvents(sql, tenant, contactId, { limit }),
    sql.query<RecipientRow>(
      `SELECT r.campaign_id, c.name, r.variant, r.status, r.reason, r.due_at, r.queued_at, r.sent_at, r.delivered_at, r.read_at,
              r.replied_at, r.clicked_at, r.opted_out_at, r.converted_at, r.failed_at
         FROM campaign_recipients r LEFT JOIN campaigns c ON c.tenant = r.tenant AND c.id = r.campaign_id
        WHERE r.tenant = $1 AND r.contact_id = $2 ORDER BY r.due_at DESC LIMIT $3`,
      [tenant, contactId, limit],
    ),
  ]);
  const entries = [...activity.rows.map(activityEntry), ...consent.map(consentEntry), ...recipients.rows.flatMap(recipientEntries)];
  // Stable for equal times: activity, then consent, then campaigns, as listed.
  return entries.sort((a, b) => b.at - a.at).slice(0, limit);
}

function activityEntry(row: ActivityRow): TimelineEntry {
  const inFlow = row.flow_id ? ` in flow ${row.flow_id}` : '';
  const inCampaign = row.campaign_id ? ` (campaign ${row.campaign_id})` : '';
  const summaries: Record<string, string> = {
    flow_entered: `Entered flow ${row.flow_id ?? '?'}${inCampaign}`,
    node_reached: `Reached ${row.node_id ?? '?'}${inFlow}`,
    button_clicked: `Tapped "${row.value ?? ''}"${inFlow}${inCampaign}`,
    message_received: row.value ? `Wrote: ${row.value}` : 'Wrote a message',
  };
  return {
    at: row.at,
    kind: row.kind,
    summary: summaries[row.kind] ?? `${row.kind.replace(/_/g, ' ')}${row.value ? `: ${row.value}` : ''}${inFlow}${inCampaign}`,
    ...(row.flow_id ? { flow: row.flow_id } : {}),
    ...(row.node_id ? { node: row.node_id } : {}),
    ...(row.campaign_id ? { campaign: row.campaign_id } : {}),
  };
}

function consentEntry(event: ConsentEvent): TimelineEntry {
  const what = event.action === 'opt_in' ? `Opted in to ${event.purpose} messages` : `Opted out of ${event.purpose} messages`;
  const detail = Object.entries(event.sourceDetail)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return {
    at: event.at,
    kind: 'consent',
    summary: `${what} (${event.source}${detail ? `: ${detail}` : ''}; recorded by ${event.recordedBy})`,
  };
}

function recipientEntries(row: RecipientRow): TimelineEntry[] {
  const label = row.name ? `"${row.name}"` : row.campaign_id;
  const entry = (at: number | null, kind: string, summary: string): TimelineEntry[] =>
    at == null ? [] : [{ at, kind, summary, campaign: row.campaign_id }];
  return [
    ...(row.status === 'suppressed'
      ? entry(row.queued_at ?? row.due_at, 'campaign_suppressed', `Not sent campaign ${label}: ${row.reason ?? 'suppressed'}`)
      : []),
    ...entry(row.sent_at, 'campaign_sent', `Sent campaign ${label} (variant ${row.variant})`),
    ...entry(row.delivered_at, 'campaign_delivered', `Campaign ${label} delivered`),
    ...entry(row.read_at, 'campaign_read', `Campaign ${label} read`),
    ...entry(row.clicked_at, 'campaign_clicked', `Tapped a button of campaign ${label}`),
    ...entry(row.replied_at, 'campaign_replied', `Replied to campaign ${label}`),
    ...entry(row.opted_out_at, 'campaign_opted_out', `Opted out after campaign ${label}`),
    ...entry(row.converted_at, 'converted', `Converted (campaign ${label})`),
    ...entry(row.failed_at, 'campaign_failed', `Campaign ${label} failed${row.reason ? `: ${row.reason}` : ''}`),
  ];
}
