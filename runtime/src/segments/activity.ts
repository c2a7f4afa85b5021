/**
 * What contacts did, for segments ("entered flow X", "reached node Y", "clicked Z in campaign C")
 * and the contact's timeline: a worker post-commit subscriber that turns steps and messages into
 * contact_activity rows, written in batches after the commit (never on the webhook's path, never
 * blocking the worker). Previews (the simulator) are not contacts and record nothing.
 *
 * Rows name the contact by address; the batch's one INSERT … SELECT finds the contact ids through
 * the (tenant, channel, address) index, so a contact the sync has not written yet only loses that
 * row — and the sync's queue is flushed first, so in practice none is lost.
 */
import type { ContactChannel } from '@parley/contract';
import { contactKeyOf } from '../contacts/addresses';
import { WriteQueue } from '../contacts/write-queue';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import type { PostCommitEvent, PostCommitSubscriber } from '../worker/post-commit';

type ActivityKind = 'flow_entered' | 'node_reached' | 'button_clicked' | 'message_received';

export interface ActivityRow {
  tenant: string;
  channel: ContactChannel;
  address: string;
  kind: ActivityKind;
  flow_id?: string;
  node_id?: string;
  campaign_id?: string;
  value?: string;
  at: number;
}

/** A button tap with no campaign session is credited to the campaign last sent to the person within this. */
const CLICK_ATTRIBUTION_MS = 7 * 86_400_000;

/** Writes one batch; returns the rows written (rows whose contact does not exist are skipped). */
export async function insertActivity(sql: Sql, rows: readonly ActivityRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await sql.query(
    `INSERT INTO contact_activity (tenant, contact_id, kind, flow_id, node_id, campaign_id, value, at)
     SELECT c.tenant, c.id, r.kind, r.flow_id, r.node_id,
            CASE WHEN r.campaign_id IS NULL AND r.kind = 'button_clicked' THEN
              (SELECT cr.campaign_id FROM campaign_recipients cr
                WHERE cr.tenant = c.tenant AND cr.contact_id = c.id AND cr.sent_at IS NOT NULL
                  AND cr.sent_at <= r.at AND cr.sent_at > r.at - $2::int8
                ORDER BY cr.sent_at DESC LIMIT 1)
            ELSE r.campaign_id END,
            r.value, r.at
     FROM jsonb_to_recordset($1::jsonb) AS r(tenant text, channel text, address text, kind text, flow_id text, node_id text,
                                             campaign_id text, value text, at int8, n int)
     JOIN contacts c ON c.tenant = r.tenant AND c.channel = r.channel AND c.address = r.address
     ORDER BY r.n`,
    // n: the ids follow the batch's order (the timeline's tie-break for rows of the same millisecond).
    [JSON.stringify(rows.map((row, n) => ({ ...row, n }))), CLICK_ATTRIBUTION_MS],
  );
  return rowCount;
}

/** The activity rows an event stands for (none for previews and for events that are not activity). */
export function activityOf(event: PostCommitEvent, now: number): ActivityRow[] {
  if (event.type !== 'message.received' && event.type !== 'engine.stepped') return [];
  const key = contactKeyOf(event.conversation);
  if (!key) return [];
  const campaign = event.campaign ? { campaign_id: event.campaign.id } : {};
  if (event.type === 'message.received') {
    const { message, at } = event;
    const rows: ActivityRow[] = [{ ...key, kind: 'message_received', at, ...campaign }];
    // A button or list pick: the title the person saw (what a marketer names), else the payload.
    const value = message.text || message.choiceId;
    if ((message.kind === 'button' || message.kind === 'list') && value)
      rows.push({ ...key, kind: 'button_clicked', value, at, ...campaign });
    return rows;
  }
  // Nodes are credited to the session's flow, as the analytics counters do.
  const flow = event.snapshot.flowId;
  const rows: ActivityRow[] = event.started ? [{ ...key, kind: 'flow_entered', flow_id: flow, at: now, ...campaign }] : [];
  for (const node of new Set(event.visited))
    rows.push({ ...key, kind: 'node_reached', flow_id: flow, node_id: node, at: now, ...campaign });
  return rows;
}

export interface ActivityRecorder {
  subscriber: PostCommitSubscriber;
  /** Writes what is pending (tests, shutdown). */
  flush(): Promise<void>;
  readonly queue: WriteQueue<ActivityRow>;
}

export interface ActivityRecorderOptions {
  intervalMs?: number;
  maxRows?: number;
  /** Runs before each write: the contact sync's flush, so the contacts a batch names exist. */
  before?: () => Promise<void>;
}

export function createActivityRecorder(
  ctx: Pick<RuntimeContext, 'log' | 'now'>,
  db: Sql,
  opts: ActivityRecorderOptions = {},
): ActivityRecorder {
  const log = ctx.log.child({ role: 'contact-activity' });
  const queue = new WriteQueue<ActivityRow>({
    name: 'contacts.activity',
    log,
    ...(opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {}),
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
    write: async (batch) => {
      await opts.before?.();
      await insertActivity(db, batch);
    },
  });
  return {
    subscriber: (event) => {
      try {
        for (const row of activityOf(event, ctx.now())) queue.push(row);
      } catch (err) {
        log.error({ err, event: event.type }, 'contact activity could not take an event');
      }
    },
    flush: () => queue.flush(),
    queue,
  };
}
