/** Prometheus metrics of one runtime process (GET /metrics). One registry per process/app instance. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RuntimeMetrics {
  registry: Registry;
  ingressLatency: Histogram<'channel' | 'outcome' | 'status'>;
  ingressItems: Counter<'channel' | 'kind' | 'outcome'>;
  processingLatency: Histogram<'kind'>;
  webhookToSend: Histogram<'channel'>;
  sends: Counter<'channel' | 'outcome'>;
  intentTier: Counter<'tier'>;
  queueDepth: Gauge<'queue'>;
  activeConversations: Gauge;
  tenantPaused: Gauge<'tenant'>;
  flowLoadIssues: Gauge<'flow'>;
  deskEvents: Counter<'type'>;
  webhookErrors: Counter<'channel' | 'code'>;
  authFailures: Counter<'kind' | 'outcome'>;
  /** A template node's send refused by the template gate (the flow took its failure path). */
  templateRefused: Counter<'reason'>;
  /** A queued template send not attempted because Meta paused or disabled the template meanwhile. */
  templateSendsBlocked: Counter<'status'>;
  /** Marketing sends the send plane refused (send/governance.ts), by SuppressionReason. */
  marketingSuppressed: Counter<'reason'>;
  /** A template language's status at Meta changed (webhook, periodic pull or submit), by the new status. */
  templateStatusChanges: Counter<'status'>;
}

const MS_BUCKETS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): RuntimeMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    ingressLatency: new Histogram({
      name: 'parley_ingress_latency_ms',
      help: 'Webhook request handling time until the answer is sent, every outcome (status: the HTTP status)',
      labelNames: ['channel', 'outcome', 'status'],
      buckets: MS_BUCKETS,
      registers,
    }),
    ingressItems: new Counter({
      name: 'parley_ingress_items_total',
      help: 'Webhook messages and statuses by outcome (queued, duplicate, dropped)',
      labelNames: ['channel', 'kind', 'outcome'],
      registers,
    }),
    processingLatency: new Histogram({
      name: 'parley_processing_latency_ms',
      help: 'Worker time per inbox item: load, understand, step, commit',
      labelNames: ['kind'],
      buckets: MS_BUCKETS,
      registers,
    }),
    webhookToSend: new Histogram({
      name: 'parley_webhook_to_send_ms',
      help: 'From webhook received to the send request answered',
      labelNames: ['channel'],
      buckets: MS_BUCKETS,
      registers,
    }),
    sends: new Counter({ name: 'parley_sends_total', help: 'Send attempts by outcome', labelNames: ['channel', 'outcome'], registers }),
    intentTier: new Counter({
      name: 'parley_intent_resolutions_total',
      help: 'Understanding results by the tier that settled them',
      labelNames: ['tier'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'parley_queue_depth',
      help: 'Conversations with pending work per queue (inbox, outbox); dead_letters: items set aside for a person',
      labelNames: ['queue'],
      registers,
    }),
    activeConversations: new Gauge({
      name: 'parley_active_conversations',
      help: 'Conversations with a session active in the last 24 h',
      registers,
    }),
    tenantPaused: new Gauge({
      name: 'parley_tenant_paused',
      help: "1 while a tenant's sending is paused after a token failure",
      labelNames: ['tenant'],
      registers,
    }),
    webhookErrors: new Counter({
      name: 'parley_webhook_errors_total',
      help: 'Errors Meta reported at the change level of a webhook (value.errors), by code',
      labelNames: ['channel', 'code'],
      registers,
    }),
    deskEvents: new Counter({
      name: 'parley_handoff_events_total',
      help: 'Agent desk events: handoffs started and released, user messages while a person has the conversation',
      labelNames: ['type'],
      registers,
    }),
    authFailures: new Counter({
      name: 'parley_auth_failures_total',
      help: 'Admin API credentials refused: rejected (checked and wrong) or throttled (refused unchecked while locked), by kind (login, bearer, metrics)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    templateRefused: new Counter({
      name: 'parley_template_refused_total',
      help: "Template sends a flow did not make (the node's failure path was taken instead), by reason: paused, disabled, not_approved, missing_parameter, …",
      labelNames: ['reason'],
      registers,
    }),
    templateSendsBlocked: new Counter({
      name: 'parley_template_sends_blocked_total',
      help: 'Queued template messages not attempted because the template was paused or disabled before they went out (dead-lettered), by status',
      labelNames: ['status'],
      registers,
    }),
    marketingSuppressed: new Counter({
      name: 'parley_marketing_suppressed_total',
      help: 'Marketing sends not made: no consent, opted out, erased, over a frequency cap (recorded in suppressed_sends), by reason',
      labelNames: ['reason'],
      registers,
    }),
    templateStatusChanges: new Counter({
      name: 'parley_template_status_changes_total',
      help: "Changes of a template language's status at Meta seen by this process (webhook, periodic pull, submit), by the new status",
      labelNames: ['status'],
      registers,
    }),
    flowLoadIssues: new Gauge({
      name: 'parley_flow_load_errors',
      help: 'Validation errors of the flow file on disk (the previous version keeps serving)',
      labelNames: ['flow'],
      registers,
    }),
  };
}
