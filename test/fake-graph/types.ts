/** Public types of the fake Graph API. */
import type { FailureKind, FailureOptions } from './errors';
import type { MetaJsonOptions } from './sign';
import type { FakeTemplates } from './templates/api';
import type { WebhookDelivery } from './delivery';
import type { Json, MessengerEventOptions, WaContent, WaInboundOptions, WaStatus } from './payloads';

export type { WebhookDelivery } from './delivery';

export interface FakeGraphOptions {
  port?: number;
  host?: string;
  appSecret: string;
  /** Bearer token sends must carry. Default `test-token`. */
  accessToken?: string;
  /** Ids `GET /<version>/<id>` can read (phone numbers, pages, accounts); others answer error 100. Default: any id. */
  knownIds?: string[];
  /** Where inbound and status webhooks are posted (the runtime's WhatsApp webhook route). */
  webhookUrl?: string;
  /** After each accepted WhatsApp send, post these statuses in order (needs webhookUrl). Default none. */
  autoStatuses?: WaStatus[];
  /** Delay before each auto status (ms). Default 5. */
  statusDelayMs?: number;
  /** Serialisation of posted webhooks (non-ASCII is always escaped as Meta does). */
  json?: MetaJsonOptions;
  /** Approve created or edited templates by themselves (after `delayMs`, default 0), posting the APPROVED webhook when webhookUrl is set. */
  autoApproveTemplates?: boolean | { delayMs: number };
  /** Refuse template sends whose name the fake does not know (132001). Default false: unknown templates are sent unchecked. */
  strictTemplates?: boolean;
  /** Page size of `GET message_templates` when the request sets no `limit`. Default 25. */
  templatePageSize?: number;
}

export interface RecordedRequest {
  /** Arrival order across all requests. */
  seq: number;
  receivedAt: number;
  method: string;
  path: string;
  channel: 'whatsapp' | 'messenger' | 'unknown';
  /** Sending identity from the path (phone_number_id, page id or `me`). */
  senderId?: string;
  /** `to` / `recipient` / `recipient.id`. */
  recipient?: string;
  body: unknown;
  response: { status: number; body: unknown };
  /** The id returned for an accepted send. */
  messageId?: string;
  accepted: boolean;
}

export interface PostWebhookOptions {
  /** Send this `X-Hub-Signature-256` instead of the correct one. */
  signature?: string;
  kind?: WebhookDelivery['kind'];
  /** Post here instead of `webhookUrl`. */
  url?: string;
}

/** Also the template switches and store of templates/index.ts (`approveTemplate`, `pauseTemplate`, `addTemplate`, …). */
export interface FakeGraph extends FakeTemplates {
  /** Base URL to use as the Graph API root, e.g. `http://127.0.0.1:41234` (requests go to `/v21.0/...`). */
  url: string;
  /** Accepted sends, in arrival order. */
  readonly sent: RecordedRequest[];
  /** Every request, including rejected and failed ones. */
  readonly requests: RecordedRequest[];
  /** Webhooks this fake posted to the runtime, with the runtime's answers. */
  readonly webhooks: WebhookDelivery[];
  /** The next `n` sends fail this way. Queued failures apply in call order. */
  failNext(n: number, kind: FailureKind, opts?: FailureOptions): void;
  /** Delay every response by `ms` (0 to stop). */
  setLatency(ms: number): void;
  setAccessToken(token: string): void;
  /** Accepted sends to one recipient, in order. */
  sendsTo(recipient: string): RecordedRequest[];
  /** The text bodies (text, interactive body, template name) sent to a recipient, in order. */
  textsTo(recipient: string): string[];
  /** Accepted-send count per recipient. */
  countsByRecipient(): Map<string, number>;
  /** Recipients that received the same biz_opaque_callback_data (idempotency key) more than once. */
  duplicateKeys(): Array<{ recipient: string; key: string; count: number }>;
  /** Post a signed inbound WhatsApp message (text shorthand or a `wa.*` content) to webhookUrl. */
  postInbound(
    from: string,
    message: string | WaContent,
    opts?: WaInboundOptions,
  ): Promise<WebhookDelivery & { messageId: string; payload: Json }>;
  /** Post a signed status webhook for an earlier send. */
  postStatus(
    messageId: string,
    status: WaStatus,
    errors?: Array<{ code: number; title?: string; details?: string }>,
  ): Promise<WebhookDelivery>;
  /** Post any payload, signed (or with a given signature header), to webhookUrl or `opts.url` (e.g. the Messenger route). */
  postWebhook(payload: unknown, opts?: PostWebhookOptions): Promise<WebhookDelivery>;
  /** Post a signed Messenger/Instagram webhook with these events from one user (see `fb.*`). */
  postMessenger(senderId: string, events: Json[], opts?: MessengerEventOptions & { url?: string }): Promise<WebhookDelivery>;
  /** Resolves once `predicate(sent)` holds (checked after every accepted send); rejects after `timeoutMs`. */
  waitFor(predicate: (sent: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once `recipient` has received at least `count` accepted sends. */
  waitForSends(recipient: string, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Wait until auto-status webhooks and queued async failures have been posted. */
  idle(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export interface QueuedFailure {
  kind: FailureKind;
  opts: FailureOptions;
}
