/**
 * The send half of the campaign benchmark: a campaign to N seeded contacts through the runtime
 * process and the fake Graph API at a configured rate (the number's ratePerSecond × the campaign's
 * rateShare), while people write in at a steady rate to the echo flow. Measured: the campaign's
 * send rate at the fake over its steady part, and the webhook → reply latency with the campaign
 * running against the same latency with no campaign (same process, just before the launch).
 */
import { BENCH_TENANT, seedContacts } from './campaigns-data';
import {
  campaignStatus,
  isOffer,
  launchCampaign,
  offerCampaign,
  offerSends,
  startCampaignStack,
  type CampaignStack,
} from './campaigns-stack';
import { percentile, sleep } from './lib';
import type { FakeGraph } from '../fake-graph';

export interface SendRunOptions {
  contacts: number;
  /** Sends per second the campaign may use (numberRate × rateShare). */
  campaignRate: number;
  rateShare: number;
  /** Inbound messages per second to the echo flow, in both phases. */
  replyRate: number;
  baselineMs: number;
  log: (line: string) => void;
}

export interface SendRunResult {
  contacts: number;
  /** Contacts that got the offer / got it more than once / never got it. */
  messaged: number;
  duplicates: number;
  missing: number;
  status: string | undefined;
  /** Sends per second at the fake over the middle 80 % of the campaign's sends. */
  steadyRate: number;
  /** Recipients marked queued per second by the runner, same window: its pacing, apart from the processing. */
  queuedRate: number;
  campaignSeconds: number;
  baselineLatencies: number[];
  campaignLatencies: number[];
  unanswered: number;
}

const REPLY_USERS = 100;
const replyUser = (i: number): string => `4917${String(i % REPLY_USERS).padStart(8, '0')}`;

/** Posts inbound texts at `rate` until `until()` holds; returns when each was posted (by its reply text). */
async function replyLoop(graph: FakeGraph, rate: number, tag: string, until: () => boolean): Promise<Map<string, number>> {
  const postedAt = new Map<string, number>();
  const inflight: Array<Promise<unknown>> = [];
  const start = performance.now();
  for (let i = 0; !until(); i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const text = `${tag}${i}`;
    postedAt.set(`got ${text}`, Date.now());
    inflight.push(graph.postInbound(replyUser(i), text).catch(() => undefined));
  }
  await Promise.all(inflight);
  return postedAt;
}

/** Webhook → reply latencies (ms, sorted) and how many were never answered within `waitMs`. */
async function latenciesOf(
  graph: FakeGraph,
  postedAt: Map<string, number>,
  waitMs: number,
): Promise<{ latencies: number[]; unanswered: number }> {
  const answered = (): Map<string, number> => {
    const at = new Map<string, number>();
    for (const r of graph.sent) {
      const body = r.body as { text?: { body?: string } };
      const text = body.text?.body;
      if (text !== undefined && postedAt.has(text) && !at.has(text)) at.set(text, r.receivedAt);
    }
    return at;
  };
  const until = Date.now() + waitMs;
  let got = answered();
  while (got.size < postedAt.size && Date.now() < until) {
    await sleep(200);
    got = answered();
  }
  const latencies = [...got].map(([text, at]) => at - (postedAt.get(text) ?? at)).sort((a, b) => a - b);
  return { latencies, unanswered: postedAt.size - got.size };
}

/** Sends per second over the middle 80 % of the sends (the ramp-up and the tail left out). */
export function steadyRate(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.ceil(sorted.length * 0.9) - 1;
  const first = sorted[from];
  const last = sorted[to];
  if (first === undefined || last === undefined || last <= first) return NaN;
  return ((to - from) * 1000) / (last - first);
}

export async function runCampaignSend(opts: SendRunOptions): Promise<SendRunResult> {
  const t0 = performance.now();
  const stack: CampaignStack = await startCampaignStack({
    numberRate: opts.campaignRate / opts.rateShare,
    // Meta reports every accepted send: the runtime handles those webhooks while the campaign runs.
    statuses: true,
    seed: async (db) => {
      await seedContacts(db.sql, { audience: opts.contacts, now: Date.now() });
    },
  });
  opts.log(`stack ready in ${Math.round(performance.now() - t0)} ms (${opts.contacts} contacts seeded)`);
  const { graph } = stack;
  try {
    // Every reply user's first message starts the echo flow; measured messages are answers at its ask.
    await Promise.all(Array.from({ length: REPLY_USERS }, (_, i) => graph.postInbound(replyUser(i), 'hello')));
    await graph.waitFor((sent) => sent.length >= REPLY_USERS, 60_000);

    const baselineEnd = performance.now() + opts.baselineMs;
    const basePosted = await replyLoop(graph, opts.replyRate, 'B', () => performance.now() >= baselineEnd);
    const baseline = await latenciesOf(graph, basePosted, 30_000);
    opts.log(`baseline: ${basePosted.size} inbound, p95 ${percentile(baseline.latencies, 95)} ms`);

    const id = 'spring';
    const launchedAt = performance.now();
    await launchCampaign(stack, offerCampaign(id, opts.rateShare));
    opts.log(`launched in ${Math.round(performance.now() - launchedAt)} ms`);
    const expectedMs = (opts.contacts / opts.campaignRate) * 1000;
    // A machine that cannot keep the pace still ends the run: what was sent by then is measured.
    const deadline = Date.now() + expectedMs * 1.5 + 60_000;
    let sent = 0;
    let lastLog = Date.now();
    const progress = setInterval(() => {
      sent = offerSends(graph).size;
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        opts.log(`campaign: ${sent}/${opts.contacts} sent`);
      }
    }, 500);
    let campaignPosted: Map<string, number>;
    try {
      campaignPosted = await replyLoop(graph, opts.replyRate, 'C', () => sent >= opts.contacts || Date.now() > deadline);
    } finally {
      clearInterval(progress);
    }
    const campaignSeconds = (performance.now() - launchedAt) / 1000;
    const during = await latenciesOf(graph, campaignPosted, 30_000);
    let status = await campaignStatus(stack, id);
    for (let i = 0; i < 20 && status !== 'completed'; i++) {
      await sleep(500);
      status = await campaignStatus(stack, id);
    }

    const counts = offerSends(graph);
    const times = graph.sent.filter((r) => isOffer(r.body)).map((r) => r.receivedAt);
    const { rows } = await stack.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2 AND status <> 'suppressed'",
      [BENCH_TENANT, id],
    );
    const queued = await stack.db.sql.query<{ at: number }>(
      'SELECT queued_at AS at FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2 AND queued_at IS NOT NULL',
      [BENCH_TENANT, id],
    );
    return {
      contacts: rows[0]?.n ?? 0,
      queuedRate: steadyRate(queued.rows.map((r) => r.at)),
      messaged: counts.size,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      missing: Math.max(0, opts.contacts - counts.size),
      status,
      steadyRate: steadyRate(times),
      campaignSeconds,
      baselineLatencies: baseline.latencies,
      campaignLatencies: during.latencies,
      unanswered: baseline.unanswered + during.unanswered,
    };
  } finally {
    await stack.stop();
  }
}
