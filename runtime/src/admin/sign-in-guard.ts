/**
 * Throttles credential guessing on the admin API: wrong passwords at POST /api/login (per client
 * address and per account) and wrong bearer tokens on the other /api routes (per client address
 * only, so a guesser cannot lock out a correct token used elsewhere). Every failure is logged at
 * warn with the client address and the reason — never the password or token that was tried.
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RuntimeContext } from '../platform/context';
import { sendError } from './errors';
import { FailureThrottle, type ThrottlePolicy } from './throttle';

/** A person mistypes a few times; a guesser is down to one try per 15 min after ~15 failures. */
const CLIENT_POLICY: ThrottlePolicy = { freeFailures: 5, lockBaseMs: 1000, lockMaxMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/**
 * The account lock catches guessing spread over many addresses. It is more lenient, since anyone
 * can trip it for the real user (the admin token still works while it holds).
 */
const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 20, lockBaseMs: 1000, lockMaxMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

export type CredentialKind = 'login' | 'bearer' | 'metrics';

/** Who is trying: the client address and, for a password sign-in, the account. */
export interface Attempt {
  kind: CredentialKind;
  ip: string;
  account?: string;
}

export class SignInGuard {
  private readonly clients = new FailureThrottle(CLIENT_POLICY);
  private readonly accounts = new FailureThrottle(ACCOUNT_POLICY);

  constructor(private readonly ctx: RuntimeContext) {}

  /**
   * The attempt of a request. `account` is the account the credentials are for: today the
   * bootstrap admin user; per-user accounts pass the user name they sign in as.
   */
  attempt(req: FastifyRequest, kind: CredentialKind, account?: string): Attempt {
    return { kind, ip: req.ip, ...(account !== undefined ? { account } : {}) };
  }

  /** Sends 429 with Retry-After and returns true while the attempt's client or account is locked. */
  refuseIfLocked(attempt: Attempt, req: FastifyRequest, reply: FastifyReply): boolean {
    const now = this.ctx.now();
    const clientMs = this.clients.lockedFor(clientKey(attempt), now);
    const accountMs = attempt.account !== undefined ? this.accounts.lockedFor(accountKey(attempt.account), now) : 0;
    const waitMs = Math.max(clientMs, accountMs);
    if (waitMs === 0) return false;
    const seconds = Math.ceil(waitMs / 1000);
    this.ctx.metrics.authFailures.inc({ kind: attempt.kind, outcome: 'throttled' });
    req.log.debug({ ip: attempt.ip, kind: attempt.kind }, 'credentials refused unchecked: locked after failed attempts');
    const who = clientMs >= accountMs ? 'from this address' : 'for this account';
    const what = attempt.kind === 'login' ? 'failed sign-ins' : 'requests with a wrong token';
    void sendError(
      reply.header('retry-after', String(seconds)),
      429,
      'too_many_attempts',
      `Too many ${what} ${who}. Try again in ${describeWait(seconds)}.`,
      { details: { retryAfterSeconds: seconds } },
    );
    return true;
  }

  /**
   * Logs a failed attempt (address, account, reason; never the credential) and counts it towards
   * a lock unless `counts` is false (no credential was offered at all: nothing was guessed).
   */
  failed(attempt: Attempt, req: FastifyRequest, reason: string, counts = true): void {
    const now = this.ctx.now();
    const clientLockMs = counts ? this.clients.recordFailure(clientKey(attempt), now) : 0;
    const accountLockMs = counts && attempt.account !== undefined ? this.accounts.recordFailure(accountKey(attempt.account), now) : 0;
    this.ctx.metrics.authFailures.inc({ kind: attempt.kind, outcome: 'rejected' });
    const fields = {
      ip: attempt.ip,
      kind: attempt.kind,
      reason,
      route: `${req.method} ${req.url.split('?')[0]}`,
      ...(attempt.account !== undefined ? { account: attempt.account } : {}),
    };
    req.log.warn(fields, attempt.kind === 'login' ? 'sign-in failed' : 'admin API request refused: bad credentials');
    const lockMs = Math.max(clientLockMs, accountLockMs);
    if (lockMs > 0)
      req.log.warn(
        { ...fields, lockedForMs: lockMs, scope: clientLockMs >= accountLockMs ? 'client' : 'account' },
        'credentials locked after repeated failures',
      );
  }

  /** A correct password: the address and account start over. */
  succeeded(attempt: Attempt): void {
    this.clients.clear(clientKey(attempt));
    if (attempt.account !== undefined) this.accounts.clear(accountKey(attempt.account));
  }
}

/** IPv6 clients are grouped by /64 (one subscriber's usual allocation), as @fastify/rate-limit does. */
function clientKey(attempt: Attempt): string {
  let ip = attempt.ip;
  try {
    ip = normalizeIP(attempt.ip);
  } catch {
    // An address the normaliser cannot parse is still a usable key as it is.
  }
  return `${attempt.kind}:${ip}`;
}

function accountKey(account: string): string {
  return `login:${account}`;
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
