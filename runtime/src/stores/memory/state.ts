/**
 * The in-memory stores share one state object so a worker commit can change the
 * snapshot, inbox, outbox, timers and counters in one synchronous (hence atomic) step.
 * Nothing here is durable: main.ts warns loudly when it runs on memory.
 */
import type {
  ContactState,
  ConversationId,
  ConversationState,
  DeskEntry,
  InboxItem,
  Lane,
  OutboundItem,
  StoredSession,
} from '../../conversation';
import type { DeadLetter, FlowVersionRecord, MessageState } from '../interfaces';

/** A sorted set stand-in: member → score, scanned linearly (fine for dev and tests). */
export class ScoreMap<Member extends string = string> {
  readonly scores = new Map<Member, number>();

  /** Members with score ≤ max, lowest score first. */
  due(max: number, limit: number): Member[] {
    const hits: Array<[Member, number]> = [];
    for (const entry of this.scores) if (entry[1] <= max) hits.push(entry);
    hits.sort((a, b) => a[1] - b[1]);
    return hits.slice(0, limit).map(([m]) => m);
  }

  min(): number | null {
    let best: number | null = null;
    for (const s of this.scores.values()) if (best === null || s < best) best = s;
    return best;
  }
}

export interface Lease {
  token: string;
  until: number;
}

export class MemoryState {
  readonly inbox = new Map<ConversationId, InboxItem[]>();
  readonly ready = new ScoreMap<ConversationId>();
  readonly workLeases = new Map<ConversationId, Lease>();
  readonly dedupe = new Map<string, number>();
  readonly sessions = new Map<ConversationId, { session: StoredSession; expiresAt: number }>();
  readonly contacts = new Map<ConversationId, ContactState>();
  readonly timers = new Map<ConversationId, Map<string, { sprint: number; dueAt: number }>>();
  /** Members are "<conversation id>\n<timer id>". */
  readonly timerIndex = new ScoreMap();
  readonly outbox = new Map<ConversationId, OutboundItem[]>();
  readonly sendLanes: Record<Lane, ScoreMap<ConversationId>> = { 0: new ScoreMap(), 1: new ScoreMap(), 2: new ScoreMap() };
  readonly sendLeases = new Map<ConversationId, Lease>();
  readonly sent = new Map<ConversationId, Map<string, string>>();
  readonly counters = new Map<string, Map<string, number>>();
  readonly flowVersions = new Map<string, FlowVersionRecord[]>();
  readonly deadLetters = new Map<string, DeadLetter>();
  readonly pausedTenants = new Map<string, { reason: string; at: number }>();
  readonly messages = new Map<string, { state: MessageState; expiresAt: number }>();
  readonly rate = new Map<string, number>();
  readonly desks = new Map<ConversationId, { since: number; transcript: DeskEntry[] }>();
  nextId = 1;

  /** What a worker processes the next item against (copies: callers may keep them). */
  conversationState(conv: ConversationId): ConversationState {
    const entry = this.sessions.get(conv);
    const session = entry && entry.expiresAt > Date.now() ? structuredClone(entry.session) : null;
    const timers: Record<string, number> = {};
    for (const [id, t] of this.timers.get(conv) ?? []) timers[id] = t.sprint;
    const contact = this.contacts.get(conv);
    return { session, contact: contact ? { ...contact } : null, timers };
  }

  inboxHead(conv: ConversationId): InboxItem | null {
    const head = this.inbox.get(conv)?.[0];
    return head ? structuredClone(head) : null;
  }

  newToken(): string {
    return `m${this.nextId++}`;
  }

  /** Lowest lane of the items in a conversation's outbox (its priority). */
  laneOf(conv: ConversationId): Lane | null {
    const items = this.outbox.get(conv);
    if (!items || items.length === 0) return null;
    return items.reduce<Lane>((lane, item) => (item.lane < lane ? item.lane : lane), 2);
  }

  /** Puts the conversation on exactly one send lane (its priority) due at `at`, keeping an earlier due time. */
  scheduleSend(conv: ConversationId, at: number, force = false): void {
    const lane = this.laneOf(conv);
    let existing: number | undefined;
    for (const l of [0, 1, 2] as Lane[]) {
      const s = this.sendLanes[l].scores.get(conv);
      if (s !== undefined) existing = s;
      this.sendLanes[l].scores.delete(conv);
    }
    if (lane === null) return;
    const lease = this.sendLeases.get(conv);
    const held = lease !== undefined && lease.until > Date.now();
    // While a sender holds the conversation its lease-time score stays (see the Redis script).
    const due = force || existing === undefined ? at : held ? existing : Math.min(existing, at);
    this.sendLanes[lane].scores.set(conv, due);
  }
}
