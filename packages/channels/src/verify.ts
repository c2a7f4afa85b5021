/**
 * Webhook authenticity: the GET subscription handshake and the
 * `X-Hub-Signature-256` HMAC over the raw request bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ChallengeResult = { ok: true; challenge: string } | { ok: false; status: 400 | 403; reason: string };

/**
 * Meta sends `hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`; a valid
 * request is answered 200 with the raw challenge. Accepts a parsed query
 * object (Fastify/URLSearchParams style; repeated keys take the first value).
 */
export function verifyChallenge(query: Record<string, unknown> | URLSearchParams, verifyToken: string): ChallengeResult {
  const get = (key: string): string | undefined => {
    const raw = query instanceof URLSearchParams ? query.get(key) : query[key];
    const v = Array.isArray(raw) ? raw[0] : raw;
    return typeof v === 'string' ? v : undefined;
  };
  const mode = get('hub.mode');
  const token = get('hub.verify_token');
  const challenge = get('hub.challenge');
  if (mode === undefined || token === undefined || challenge === undefined) {
    return { ok: false, status: 400, reason: 'missing hub.mode, hub.verify_token or hub.challenge' };
  }
  if (mode !== 'subscribe') return { ok: false, status: 400, reason: `hub.mode must be "subscribe", got "${mode}"` };
  if (verifyToken === '' || !constantTimeEqual(token, verifyToken)) {
    return { ok: false, status: 403, reason: 'hub.verify_token does not match' };
  }
  return { ok: true, challenge };
}

const PREFIX = 'sha256=';
/** `sha256=` + 64 lowercase hex digits. */
const HEADER_LENGTH = PREFIX.length + 64;

/** The header value Meta would send for these bytes. */
export function computeSignature(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * True when `header` is the HMAC-SHA256 of exactly these bytes. The HMAC is
 * always computed and compared (timingSafeEqual over equal-length buffers), so
 * the time taken does not depend on how much of a forged header is right or on
 * its length.
 */
export function verifySignature(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): boolean {
  // A repeated header (Node gives an array) is judged by its first value.
  const value = Array.isArray(header) ? header[0] : header;
  const expected = Buffer.from(computeSignature(rawBody, appSecret), 'latin1');
  // Normalise the candidate to the expected length so the comparison below
  // always runs on equal-length buffers; a wrong length is remembered, not
  // returned early.
  const given = Buffer.alloc(HEADER_LENGTH);
  const headerBytes = Buffer.from(typeof value === 'string' ? value.toLowerCase() : '', 'latin1');
  headerBytes.copy(given, 0, 0, HEADER_LENGTH);
  const lengthOk = headerBytes.length === HEADER_LENGTH;
  const bytesOk = timingSafeEqual(given, expected);
  return lengthOk && bytesOk && appSecret.length > 0;
}

/** Equal-length-independent constant-time string comparison (for verify tokens). */
function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'parley-compare').update(a).digest();
  const hb = createHmac('sha256', 'parley-compare').update(b).digest();
  return timingSafeEqual(ha, hb);
}
