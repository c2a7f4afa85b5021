import { describe, expect, it } from 'vitest';
import { classifyGraphError, classifyStatusErrors } from './classify';

/** Meta's error body shape (reference §5.1). */
const meta = (code: number, extra: Record<string, unknown> = {}) => ({
  error: {
    message: `(#${code}) title`,
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details: 'details' },
    fbtrace_id: 'x',
    ...extra,
  },
});

describe('classifyGraphError (reference §5.2 and §8.3)', () => {
  it.each([
    // [code, http status, kind, action, scope]
    [130429, 400, 'retryable', 'retry_backoff', 'number'],
    [130429, 429, 'retryable', 'retry_backoff', 'number'],
    [131056, 400, 'retryable', 'retry_backoff', 'recipient'],
    [80007, 429, 'retryable', 'retry_backoff', 'number'],
    [4, 429, 'retryable', 'retry_backoff', 'app'],
    [131048, 429, 'retryable', 'retry_backoff', 'number'],
    [133016, 400, 'retryable', 'retry_backoff', 'number'],
    [613, 400, 'retryable', 'retry_backoff', 'number'],
    [131000, 500, 'retryable', 'retry_backoff', 'number'],
    [131016, 503, 'retryable', 'retry_backoff', 'number'],
    [133004, 503, 'retryable', 'retry_backoff', 'number'],
    [2, 503, 'retryable', 'retry_backoff', 'number'],
    [1, 500, 'retryable', 'retry_backoff', 'number'],
    [131057, 400, 'retryable', 'retry_backoff', 'number'],
    [131047, 400, 'window_closed', 'use_template', 'recipient'],
    [190, 401, 'auth', 'pause_tenant', 'number'],
    [0, 401, 'auth', 'pause_tenant', 'number'],
    [368, 403, 'permanent', 'pause_tenant', 'number'],
    [131031, 403, 'permanent', 'pause_tenant', 'number'],
    [133010, 400, 'permanent', 'pause_tenant', 'number'],
    [131026, 400, 'permanent', 'dead_letter', 'message'],
    [131049, 400, 'permanent', 'dead_letter', 'message'],
    [131050, 400, 'permanent', 'dead_letter', 'message'],
    [131051, 400, 'permanent', 'dead_letter', 'message'],
    [132000, 400, 'permanent', 'dead_letter', 'message'],
    [132001, 404, 'permanent', 'dead_letter', 'message'],
    [132012, 400, 'permanent', 'dead_letter', 'message'],
    [100, 400, 'permanent', 'dead_letter', 'message'],
    [131009, 400, 'permanent', 'dead_letter', 'message'],
    [131021, 400, 'permanent', 'dead_letter', 'message'],
    [10, 403, 'permanent', 'dead_letter', 'message'],
    [3, 403, 'permanent', 'dead_letter', 'message'],
  ] as const)('code %i (HTTP %i) → %s / %s / %s', (code, httpStatus, kind, action, scope) => {
    const c = classifyGraphError({ httpStatus, body: meta(code) });
    expect(c).toMatchObject({ kind, action, scope, code, message: `(#${code}) title` });
    expect(c.retryAfterMs !== undefined).toBe(kind === 'retryable');
  });

  it('classifies by code, not HTTP status', () => {
    expect(classifyGraphError({ httpStatus: 200, body: meta(131047) }).kind).toBe('window_closed');
    expect(classifyGraphError({ httpStatus: 500, body: meta(100) }).kind).toBe('permanent');
  });

  it('uses subcodes where Meta overloads a code (Messenger/Instagram)', () => {
    expect(classifyGraphError({ httpStatus: 400, body: meta(10, { error_subcode: 2018278 }) })).toMatchObject({
      kind: 'window_closed',
      action: 'use_template',
      subcode: 2018278,
    });
    expect(classifyGraphError({ httpStatus: 400, body: meta(10, { error_subcode: 2534022 }) }).kind).toBe('window_closed');
    expect(classifyGraphError({ httpStatus: 400, body: meta(10, { error_subcode: 1893063 }) })).toMatchObject({
      kind: 'permanent',
      action: 'pause_tenant',
    });
    expect(classifyGraphError({ httpStatus: 400, body: meta(100, { error_subcode: 2018001 }) })).toMatchObject({
      kind: 'permanent',
      action: 'dead_letter',
    });
    expect(classifyGraphError({ httpStatus: 401, body: meta(190, { error_subcode: 463 }) })).toMatchObject({
      kind: 'auth',
      subcode: 463,
      message: '(#190) title',
    });
  });

  it('falls back to the HTTP status when there is no Graph error code', () => {
    expect(classifyGraphError({ httpStatus: 502, body: '<html>Bad gateway</html>' })).toMatchObject({
      kind: 'retryable',
      action: 'retry_backoff',
    });
    expect(classifyGraphError({ httpStatus: 429 })).toMatchObject({ kind: 'retryable' });
    expect(classifyGraphError({ httpStatus: 401 })).toMatchObject({ kind: 'auth', action: 'pause_tenant' });
    expect(classifyGraphError({ httpStatus: 400, body: {} })).toMatchObject({
      kind: 'permanent',
      action: 'dead_letter',
      message: 'request rejected (HTTP 400)',
    });
    expect(classifyGraphError({ httpStatus: 503, body: meta(99999) }).kind).toBe('retryable');
    expect(classifyGraphError({ httpStatus: 400, body: meta(99999, { is_transient: true }) }).kind).toBe('retryable');
  });

  it('treats network errors and timeouts as retryable', () => {
    expect(classifyGraphError({ networkError: new Error('ECONNRESET') })).toMatchObject({
      kind: 'retryable',
      action: 'retry_backoff',
      message: 'network error or timeout before a response: ECONNRESET',
    });
    expect(classifyGraphError({ networkError: 'timeout after 10000 ms' }).kind).toBe('retryable');
  });

  it('honours Retry-After', () => {
    expect(classifyGraphError({ httpStatus: 429, body: meta(4), headers: { 'retry-after': '30' } }).retryAfterMs).toBe(30_000);
    expect(classifyGraphError({ httpStatus: 400, body: meta(131056) }).retryAfterMs).toBe(6_000);
    expect(classifyGraphError({ httpStatus: 400, body: meta(131047), headers: { 'retry-after': '30' } }).retryAfterMs).toBeUndefined();
  });
});

describe('classifyStatusErrors (failed status webhooks)', () => {
  it('maps a later 131047 to use_template and other codes by the same table', () => {
    expect(classifyStatusErrors([{ code: 131047, title: 'Re-engagement message', details: 'More than 24 hours' }])).toEqual({
      kind: 'window_closed',
      action: 'use_template',
      scope: 'recipient',
      code: 131047,
      message: 'More than 24 hours',
    });
    expect(classifyStatusErrors([{ code: 131049 }])).toMatchObject({ kind: 'permanent', action: 'dead_letter' });
    expect(classifyStatusErrors([{ code: 131000 }])).toMatchObject({ kind: 'retryable', retryAfterMs: 1000 });
    expect(classifyStatusErrors([{ code: 132015 }])).toMatchObject({ kind: 'permanent' });
    expect(classifyStatusErrors([])).toMatchObject({
      kind: 'permanent',
      action: 'dead_letter',
      message: 'delivery failed without an error code',
    });
  });
});
