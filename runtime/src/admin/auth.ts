/**
 * Admin API authentication. A request carries `Authorization: Bearer <token>` where the token is
 * the configured admin token, or one issued by POST /api/login for the configured password.
 * Login tokens are stateless (expiry + HMAC keyed by the password), so any process verifies
 * them. Every comparison is constant-time; secrets are never logged.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const LOGIN_TTL_MS = 12 * 3600 * 1000;

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare equal-length buffers always; the length check is folded in afterwards.
  const same = timingSafeEqual(Buffer.concat([ab, Buffer.alloc(Math.max(0, bb.length - ab.length))]).subarray(0, bb.length), bb);
  return same && ab.length === bb.length;
}

export interface AdminSecrets {
  token?: string;
  password?: string;
}

function sign(password: string, payload: string): string {
  return createHmac('sha256', `parley-login:${password}`).update(payload).digest('base64url');
}

export function issueLoginToken(secrets: AdminSecrets, now: number): string | null {
  if (!secrets.password) return null;
  const payload = `${now + LOGIN_TTL_MS}.${randomBytes(9).toString('base64url')}`;
  return `pl1.${payload}.${sign(secrets.password, payload)}`;
}

export function checkPassword(secrets: AdminSecrets, given: unknown): boolean {
  return typeof given === 'string' && !!secrets.password && constantTimeEqual(given, secrets.password);
}

export function isAuthorized(secrets: AdminSecrets, header: string | undefined, now: number): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? '');
  const token = match?.[1]?.trim();
  if (!token) return false;
  if (secrets.token && constantTimeEqual(token, secrets.token)) return true;
  if (!secrets.password || !token.startsWith('pl1.')) return false;
  const [, exp, nonce, mac] = token.split('.');
  if (!exp || !nonce || !mac) return false;
  const payload = `${exp}.${nonce}`;
  return constantTimeEqual(mac, sign(secrets.password, payload)) && Number(exp) > now;
}
