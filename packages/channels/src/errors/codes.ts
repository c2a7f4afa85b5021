/**
 * Graph API error codes and what to do about them, from Meta's WhatsApp Cloud API and
 * Messenger Platform error-code pages (the table is in docs/channels.md). Classification is
 * by `code` (plus subcode where Meta overloads a code), never by title, and by
 * HTTP status only when the body carries no code.
 */
export type GraphErrorKind = 'retryable' | 'window_closed' | 'auth' | 'permanent';
export type GraphErrorAction = 'retry_backoff' | 'use_template' | 'pause_tenant' | 'dead_letter';
/** Who the condition applies to: back off only that recipient, the whole sending number/page, or the app. */
export type GraphErrorScope = 'recipient' | 'number' | 'app' | 'message';

export interface CodeRule {
  kind: GraphErrorKind;
  action: GraphErrorAction;
  scope: GraphErrorScope;
  /** Suggested first backoff for retryable errors; the caller grows it exponentially with jitter. */
  backoffMs?: number;
  meaning: string;
}

const throttle = (scope: GraphErrorScope, backoffMs: number, meaning: string): CodeRule => ({
  kind: 'retryable',
  action: 'retry_backoff',
  scope,
  backoffMs,
  meaning,
});
const transient = (backoffMs: number, meaning: string): CodeRule => ({
  kind: 'retryable',
  action: 'retry_backoff',
  scope: 'number',
  backoffMs,
  meaning,
});
const auth = (meaning: string): CodeRule => ({ kind: 'auth', action: 'pause_tenant', scope: 'number', meaning });
/** Permanent for every message of the tenant: dead-lettering each would flood the list, so stop sending instead. */
const blocked = (meaning: string): CodeRule => ({ kind: 'permanent', action: 'pause_tenant', scope: 'number', meaning });
const permanent = (meaning: string): CodeRule => ({ kind: 'permanent', action: 'dead_letter', scope: 'message', meaning });
const windowClosed = (meaning: string): CodeRule => ({ kind: 'window_closed', action: 'use_template', scope: 'recipient', meaning });

export const CODE_RULES: ReadonlyMap<number, CodeRule> = new Map<number, CodeRule>([
  // Throttling.
  [130429, throttle('number', 1_000, 'Cloud API throughput (messages per second) reached')],
  [131056, throttle('recipient', 6_000, 'pair rate limit: too many messages to this recipient')],
  [4, throttle('app', 60_000, 'app reached its API call rate limit')],
  [80007, throttle('number', 60_000, 'WhatsApp Business Account rate limit')],
  [131048, throttle('number', 3_600_000, 'spam rate limit: earlier messages were blocked or flagged')],
  [133016, throttle('number', 60_000, 'register/deregister attempts rate-limited')],
  [613, throttle('number', 60_000, 'calls to this API exceeded the rate limit')],
  [17, throttle('app', 60_000, 'user request limit reached')],
  [32, throttle('number', 60_000, 'page request limit reached')],
  // Transient platform trouble.
  [131000, transient(1_000, 'something went wrong (unknown error)')],
  [131016, transient(1_000, 'service temporarily unavailable')],
  [133004, transient(1_000, 'server temporarily unavailable')],
  [2, transient(1_000, 'API service temporarily unavailable')],
  [1, transient(1_000, 'API unknown error')],
  [131057, transient(60_000, 'account in maintenance (throughput upgrade)')],
  [131053, transient(5_000, 'media upload failed (check the link and MIME type)')],
  // The 24-hour customer service window.
  [131047, windowClosed('more than 24 hours since the recipient last replied')],
  // Authentication.
  [190, auth('access token expired or invalid')],
  [0, auth('unable to authenticate the app user (token expired or invalidated)')],
  [102, auth('session key invalid or no longer valid')],
  // Tenant-wide blocks.
  [368, blocked('temporarily blocked for policy violations')],
  [131031, blocked('business account locked')],
  [131042, blocked('payment method problem')],
  [133010, blocked('phone number not registered on the Cloud API')],
  // Known permanent: listed so a 5xx status cannot turn them into retries.
  [3, permanent('capability or permission missing')],
  [10, permanent('permission denied')],
  [100, permanent('invalid parameter')],
  [131005, permanent('access denied (permission missing)')],
  [131008, permanent('required parameter missing')],
  [131009, permanent('parameter value is not valid')],
  [131021, permanent('sender and recipient are the same')],
  [131026, permanent('message undeliverable (not on WhatsApp, old client or terms not accepted)')],
  [131030, permanent('recipient not in the allowed list (test number)')],
  [131049, permanent('not delivered to maintain healthy ecosystem engagement (wait ≥24 h)')],
  [131050, permanent('user stopped marketing messages')],
  [131051, permanent('unsupported message type')],
  [131052, permanent('media download failed')],
  [132000, permanent('template parameter count mismatch')],
  [132001, permanent('template missing for that language or not approved')],
  [132012, permanent('template parameter format mismatch')],
  [132015, permanent('template paused for low quality')],
  [132016, permanent('template disabled for low quality')],
  [551, permanent('person is not available right now')],
  ...Array.from({ length: 100 }, (_, i): [number, CodeRule] => [200 + i, permanent('permission error')]),
]);

/** Codes whose meaning depends on the subcode (Messenger / Instagram). */
export const SUBCODE_RULES: ReadonlyMap<string, CodeRule> = new Map<string, CodeRule>([
  ['10/2018278', windowClosed('message sent outside the allowed window (Messenger)')],
  ['10/2534022', windowClosed('message sent outside the allowed window (Instagram)')],
  ['10/1893063', blocked('page temporarily restricted from sending')],
  ['190/463', auth('access token expired')],
  ['190/467', auth('access token invalidated (user logged out or password changed)')],
]);

export const HTTP_RULES = {
  unauthorized: auth('HTTP 401 without a Graph error code'),
  tooMany: throttle('number', 1_000, 'HTTP 429 without a Graph error code'),
  serverError: transient(1_000, 'HTTP 5xx from the Graph API'),
  network: transient(1_000, 'network error or timeout before a response'),
  permanent: { kind: 'permanent', action: 'dead_letter', scope: 'message', meaning: 'request rejected' } satisfies CodeRule,
} as const;
