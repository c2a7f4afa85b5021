/** Graph API error responses in Meta's shape (reference §5.1 and §5.2). */
import { randomBytes } from 'node:crypto';

export type FailureKind = 'rate_limit' | 'window_closed' | 'token_expired' | '5xx' | 'latency' | 'drop';

export interface FailureOptions {
  /** Graph error code to use (e.g. 130429, 131056, 80007 or 4 for rate_limit; 131000, 131016 or 2 for 5xx). */
  code?: number;
  /** HTTP status to answer with. */
  httpStatus?: number;
  /** window_closed: accept the send (200) and report 131047 later as a `failed` status, as real traffic often does. */
  async?: boolean;
  /** latency: delay for these requests (ms). */
  ms?: number;
  /** rate_limit: `Retry-After` seconds header. */
  retryAfterSeconds?: number;
}

export interface GraphErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { error: Record<string, unknown> };
}

const TITLES: Record<number, string> = {
  4: 'Application request limit reached',
  80007: 'Rate limit issues',
  130429: 'Rate limit hit',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  131047: 'Re-engagement message',
  190: 'Error validating access token: Session has expired',
  131000: 'Something went wrong',
  131016: 'Service unavailable',
  2: 'Service temporarily unavailable',
  100: 'Invalid parameter',
  131009: 'Parameter value is not valid',
  2500: 'Unknown path components',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template name does not exist in the translation',
  132012: 'Parameter format does not match format in the created template',
  132015: 'Template is Paused',
  132016: 'Template is Disabled',
};

const DETAILS: Record<number, string> = {
  130429: 'Cloud API message throughput has been reached.',
  131056: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  131047: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  131000: 'Something went wrong.',
  131016: 'A service is temporarily unavailable.',
};

export function graphError(code: number, status: number, details?: string, extra: Record<string, unknown> = {}): GraphErrorResponse {
  const title = TITLES[code] ?? 'Error';
  return {
    status,
    headers: {},
    body: {
      error: {
        message: `(#${code}) ${title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: details ?? DETAILS[code] ?? title },
        fbtrace_id: randomBytes(12).toString('base64url'),
        ...extra,
      },
    },
  };
}

/** The response a send gets for an injected failure (latency and drop are handled by the server). */
export function injectedFailure(
  kind: Exclude<FailureKind, 'latency' | 'drop'>,
  o: FailureOptions,
  channel: 'whatsapp' | 'messenger' = 'whatsapp',
): GraphErrorResponse {
  if (channel === 'messenger') return messengerFailure(kind, o);
  switch (kind) {
    case 'rate_limit': {
      const code = o.code ?? 130429;
      // Observed traffic: 400 for 130429/131056, 429 with Retry-After for code 4.
      const res = graphError(code, o.httpStatus ?? (code === 4 ? 429 : 400));
      if (o.retryAfterSeconds !== undefined || code === 4) res.headers['retry-after'] = String(o.retryAfterSeconds ?? 1);
      return res;
    }
    case 'window_closed':
      return graphError(131047, o.httpStatus ?? 400);
    case 'token_expired':
      return graphError(190, o.httpStatus ?? 401, 'Session has expired', { error_subcode: 463, type: 'OAuthException' });
    case '5xx': {
      const code = o.code ?? 131000;
      return graphError(code, o.httpStatus ?? (code === 131016 || code === 2 ? 503 : 500));
    }
  }
}

/** Messenger/Instagram use other codes for the same conditions (reference §8.3). */
function messengerFailure(kind: Exclude<FailureKind, 'latency' | 'drop'>, o: FailureOptions): GraphErrorResponse {
  const fb = (code: number, status: number, message: string, subcode?: number): GraphErrorResponse => ({
    status,
    headers: {},
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode !== undefined ? { error_subcode: subcode } : {}),
        fbtrace_id: randomBytes(12).toString('base64url'),
      },
    },
  });
  switch (kind) {
    case 'rate_limit':
      return fb(o.code ?? 613, o.httpStatus ?? 400, '(#613) Calls to this api have exceeded the rate limit.');
    case 'window_closed':
      return fb(10, o.httpStatus ?? 400, '(#10) This message is sent outside of allowed window.', 2018278);
    case 'token_expired':
      return fb(190, o.httpStatus ?? 401, 'Error validating access token: Session has expired', 463);
    case '5xx':
      return fb(o.code ?? 2, o.httpStatus ?? 500, 'An unexpected error has occurred. Please retry your request later.');
  }
}
