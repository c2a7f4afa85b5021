/**
 * Store contracts of the runtime. Each has a Redis and an in-memory implementation
 * that pass the same contract suite (`contract/*.test.ts`). The records they keep for a
 * conversation (InboxItem, StoredSession, Commit, …) are the conversation model (`../conversation`).
 *
 * In Redis every key of one conversation, and the shard indexes it is listed in, share the
 * hash tag of the conversation's shard (`redis/keys.ts`), so the same scripts run on Redis Cluster.
 */
import type {
  Commit,
  ContactState,
  ConversationId,
  ConversationState,
  CounterIncrement,
  DeskEntry,
  InboxItem,
  Lane,
  OutboundItem,
  StoredSession,
} from '../conversation';
import type { TemplateLanguageState } from '@parley/contract';
import type { TemplateFile } from '@parley/templates';

/** Conversations a person has, and what was said since (kept only while the desk is open). */
export interface DeskStore {
  /** Open desks, oldest first. */
  list(limit: number): Promise<Array<{ conv: ConversationId; since: number }>>;
  /** The last `limit` entries, oldest first. */
  transcript(conv: ConversationId, limit: number): Promise<DeskEntry[]>;
}

export interface Claim {
  conv: ConversationId;
  token: string;
}

/** A worker's claim, with what the claim read in the same round trip (absent: read it separately). */
export interface WorkClaim extends Claim {
  prefetched?: NextWork;
}

/** The head of a conversation's inbox (null when empty) and the state it will be processed against. */
export interface NextWork {
  item: InboxItem | null;
  state: ConversationState;
}

export interface CommitResult {
  status: 'ok' | 'lost-lease';
  /** With `next`: the following inbox item and the state after this commit (item null when the inbox is empty). */
  next?: NextWork;
  /** With `releaseWhenEmpty`: the inbox was empty after the commit and the lease was given back. */
  released?: boolean;
}

export interface CommitOptions {
  /** Read the next inbox item and the new state in the same step (one round trip per item). */
  next?: boolean;
  /** Give the lease back when the inbox is empty after the commit (instead of a separate release). */
  releaseWhenEmpty?: boolean;
}

export interface InboxStore {
  /**
   * Appends the item and marks the conversation ready, atomically with the dedupe check:
   * returns false (and appends nothing) when `dedupeKey` was seen within `dedupeTtlSec`.
   */
  append(conv: ConversationId, item: InboxItem, dedupe?: { key: string; ttlSec: number }): Promise<boolean>;
  /** Takes the oldest ready conversation whose lease is free; the lease lasts `leaseMs`. */
  claim(now: number, leaseMs: number): Promise<WorkClaim | null>;
  renew(claim: Claim, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the conversation back: ready again at `now + delayMs` if its inbox is not empty. */
  release(claim: Claim, now: number, delayMs: number): Promise<void>;
  peek(conv: ConversationId): Promise<InboxItem | null>;
  length(conv: ConversationId): Promise<number>;
  /** Conversations with pending work. */
  readyCount(): Promise<number>;
}

export interface ConversationStore {
  load(conv: ConversationId): Promise<ConversationState>;
  /** Just the contact state (the sender's 24-hour window check), without the session. */
  contact(conv: ConversationId): Promise<ContactState | null>;
  /** Applies the commit if `claim` still holds the lease; 'lost-lease' means nothing was written. */
  commit(claim: Claim, commit: Commit, now: number): Promise<'ok' | 'lost-lease'>;
  /** `commit`, plus (options) the next item and state, or the lease given back, in the same atomic step. */
  commitAndContinue(claim: Claim, commit: Commit, now: number, options: CommitOptions): Promise<CommitResult>;
  /** Conversations with a stored session (approximate, for the active-conversations gauge). */
  countSessions(): Promise<number>;
}

export interface SendClaim extends Claim {
  lane: Lane;
  /** What the claim read in the same round trip (absent: read it separately). */
  prefetched?: SendBatch;
}

export interface SendBatch {
  /** The first items of the outbox, head first (at most the `batch` asked for). */
  items: OutboundItem[];
  contact: ContactState | null;
  /** Items of `items` already recorded as sent (a crash lost the pop): key → message id. */
  sent: Record<string, string>;
}

export interface OutboxStore {
  /** Takes the conversation with the oldest due outbound work, replies lane first, with up to `batch` of its items. */
  claim(now: number, leaseMs: number, batch?: number): Promise<SendClaim | null>;
  head(conv: ConversationId): Promise<OutboundItem | null>;
  /** Records `key` as sent with the channel's message id (and the message's state, if given) and pops it from the outbox. */
  ack(claim: SendClaim, key: string, messageId: string, record?: { state: MessageState; ttlSec: number }): Promise<boolean>;
  /** Removes the head without recording a send (dead-lettered or dropped). */
  drop(claim: SendClaim, key: string): Promise<boolean>;
  /** Replaces the head (e.g. attempts + 1 or swapped for a template). */
  replaceHead(claim: SendClaim, item: OutboundItem): Promise<boolean>;
  /** Ends the claim: next due at `now + delayMs` when items remain. */
  release(claim: SendClaim, now: number, delayMs: number): Promise<void>;
  /** Appends outside a worker commit (replay, late fallbacks). */
  enqueue(conv: ConversationId, item: OutboundItem, now: number): Promise<void>;
  sentId(conv: ConversationId, key: string): Promise<string | null>;
  /**
   * Records `key` as sent (unless already recorded) without touching the outbox: Meta reported the
   * message (a status naming it), so a sender that died before its ack must not send it again.
   */
  recordSent(conv: ConversationId, key: string, messageId: string): Promise<void>;
  pendingCount(): Promise<number>;
}

export interface TimerStore {
  /** Moves up to `limit` due timers into their conversations' inboxes as `timer` items; returns how many. */
  fireDue(now: number, limit: number): Promise<number>;
  /** Due time of the earliest timer, or null. */
  nextDue(): Promise<number | null>;
}

export interface FlowVersionRecord {
  flowId: string;
  version: number;
  publishedAt: number;
  publishedBy: string;
  summary: string;
  revision: number;
  /** sha256 of the flow JSON, to skip republishing identical content. */
  hash: string;
  flow: unknown;
  layout?: unknown;
  /** Template name → language → content hash this version sends: its sessions render these contents. Never empty. */
  templatePins?: Record<string, Record<string, string>>;
  /** Published with `force` while templates were not approved: why, and which (never an empty list). */
  forced?: { reason: string; templates: Array<{ name: string; language: string; status: string; tenant?: string }> };
}

export interface FlowVersionStore {
  /**
   * Stores an immutable version numbered latest + 1 — unless the latest version has the same
   * content hash, which is returned instead (`created: false`), so processes that all watch the
   * same files publish one version per change.
   */
  publish(record: Omit<FlowVersionRecord, 'version'>, opts?: { force?: boolean }): Promise<{ version: number; created: boolean }>;
  get(flowId: string, version: number): Promise<FlowVersionRecord | null>;
  latest(flowId: string): Promise<FlowVersionRecord | null>;
  /** Newest first, without the flow bodies. */
  list(flowId: string): Promise<Array<Omit<FlowVersionRecord, 'flow' | 'layout'>>>;
}

export interface CounterStore {
  incr(items: CounterIncrement[]): Promise<void>;
  read(key: string): Promise<Record<string, number>>;
}

interface DeadLetterBase {
  id: string;
  conv: ConversationId;
  reason: string;
  code?: number;
  at: number;
}

/**
 * A message that could not be sent (`queue` absent: outbox), or an inbox item the worker
 * failed on repeatedly (`queue: 'inbox'`): set aside so the items behind it proceed.
 */
export type DeadLetter =
  (DeadLetterBase & { queue?: 'outbox'; item: OutboundItem }) | (DeadLetterBase & { queue: 'inbox'; item: InboxItem });

/** `Omit` that keeps a union a union. */
export type NewDeadLetter = DeadLetter extends infer L ? (L extends DeadLetter ? Omit<L, 'id'> : never) : never;

export interface DeadLetterStore {
  add(letter: NewDeadLetter): Promise<string>;
  list(limit: number): Promise<DeadLetter[]>;
  /** Removes and returns the letter (for replay). */
  take(id: string): Promise<DeadLetter | null>;
  /** Letters waiting for an operator (the `dead_letters` queue gauge). */
  count(): Promise<number>;
}

export interface TenantStateStore {
  pause(tenant: string, reason: string, now: number): Promise<void>;
  resume(tenant: string): Promise<boolean>;
  paused(tenant: string): Promise<{ reason: string; at: number } | null>;
}

/** Per sent message: where it belongs and its delivery state (updated by status webhooks). */
export interface MessageState {
  conv: ConversationId;
  key: string;
  state: string;
  updatedAt: number;
  fallbackTemplate?: OutboundItem['fallbackTemplate'];
  nodeId?: string;
  /** The campaign the message belongs to: its statuses update the campaign's recipient record. */
  campaign?: OutboundItem['campaign'];
}

/** Kept with the conversation (`state.conv`), so the sender's ack records it in the same atomic step. */
export interface MessageStateStore {
  set(messageId: string, state: MessageState, ttlSec: number): Promise<void>;
  get(conv: ConversationId, messageId: string): Promise<MessageState | null>;
}

/** Counts sends per number per second across all processes, and holds a throttled number. */
export interface RateLimiter {
  /** Takes one slot in the current second for `bucket`; false when `limit` is reached or the bucket is held. */
  take(bucket: string, limit: number, now: number): Promise<boolean>;
  /** Takes up to `wanted` slots at once (a sender's batch); returns how many it got (0 when full or held). */
  takeUpTo(bucket: string, limit: number, now: number, wanted: number): Promise<number>;
  /** Nobody sends on `bucket` for `ms` (Meta throttled the whole number or app). */
  hold(bucket: string, ms: number, now: number): Promise<void>;
  /** Milliseconds the bucket is still held (0 when free). */
  heldFor(bucket: string, now: number): Promise<number>;
}

/** Trained NLU models by content key, so a restarted or new process does not retrain. */
export interface ModelStore {
  loadAll(): Promise<Map<string, string>>;
  put(key: string, value: string): Promise<void>;
}

/** A change to one language's state: a field set to null is removed (e.g. the reason once a template is approved again). */
export type TemplateStatePatch = { [K in keyof TemplateLanguageState]?: TemplateLanguageState[K] | null };

export interface TemplateStateMerge {
  /** The state before (the stored one, else the `base` given; null when neither). */
  before: TemplateLanguageState | null;
  /** The state after the patch (when nothing changed: the state before, its updatedAt too). */
  after: TemplateLanguageState;
  /** False when the patch changed nothing but `updatedAt` (then nothing was written). */
  changed: boolean;
}

/**
 * Meta's live state of each (template, language), per tenant: written by the template webhooks,
 * the periodic pull and submits; the lock file in git is only the starting point.
 */
export interface TemplateStateStore {
  /** Every stored state of the tenant: template name → language → state. */
  all(tenant: string): Promise<Record<string, Record<string, TemplateLanguageState>>>;
  /**
   * Applies `patch` atomically over the stored state, or over `base` when nothing is stored yet
   * (the lock's state). Two processes applying the same change: one sees `changed`, the other not,
   * so a change is alerted once. A patch whose `updatedAt` is in an earlier second than the
   * state's (a webhook Meta delivered late, a pull that raced a webhook) changes nothing.
   */
  merge(
    tenant: string,
    name: string,
    language: string,
    patch: TemplateStatePatch,
    base?: TemplateLanguageState,
  ): Promise<TemplateStateMerge>;
}

/** One language of one template as it was when a flow was published against it (content-addressed, immutable). */
export interface KeptTemplate {
  name: string;
  language: string;
  /** languageHash of this content: the key. */
  hash: string;
  /** The template file with only this language. */
  template: TemplateFile;
}

/** Pinned template contents, so a session renders what its flow was published against after the file changes. */
export interface TemplateContentStore {
  /** Keeps the content under its hash (a second put of the same hash is a no-op). */
  put(content: KeptTemplate): Promise<void>;
  get(hash: string): Promise<KeptTemplate | null>;
}

/** Everything the hot store holds about one conversation: a person's access request (GDPR/LGPD). */
export interface ConversationData {
  conv: ConversationId;
  session: StoredSession | null;
  contact: ContactState | null;
  /** Timer id → the sprint it was set in. */
  timers: Record<string, number>;
  inbox: InboxItem[];
  outbox: OutboundItem[];
  /** Outbound item key → the channel's message id. */
  sent: Record<string, string>;
  /** Delivery states of the messages sent to the person. */
  messages: Array<MessageState & { messageId: string }>;
  /** The agent desk's transcript while it is open. */
  desk: { since: number | null; transcript: DeskEntry[] } | null;
  deadLetters: DeadLetter[];
}

export interface PrivacyStore {
  exportConversation(conv: ConversationId): Promise<ConversationData>;
  /**
   * Deletes everything of the conversation: its keys, its entries in the shard indexes (ready,
   * send lanes, timers, active, desk), its dead letters, and the dedupe markers that name it or
   * one of `terms` (e.g. the contact id in a campaign's marker). A worker or sender holding the
   * conversation loses its lease, so it cannot write the state back. Returns what was removed.
   */
  eraseConversation(conv: ConversationId, opts?: { terms?: readonly string[] }): Promise<number>;
}

export interface Stores {
  kind: 'redis' | 'memory';
  models: ModelStore;
  inbox: InboxStore;
  conversations: ConversationStore;
  outbox: OutboxStore;
  timers: TimerStore;
  flowVersions: FlowVersionStore;
  counters: CounterStore;
  deadLetters: DeadLetterStore;
  tenants: TenantStateStore;
  messages: MessageStateStore;
  rateLimiter: RateLimiter;
  desk: DeskStore;
  templateStates: TemplateStateStore;
  templateContents: TemplateContentStore;
  privacy: PrivacyStore;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
