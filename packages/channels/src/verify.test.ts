import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, verifyChallenge, verifySignature } from './verify';

const secret = 'app-secret';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[{"x":"\\u00e4\\u00f6\\u00e5"}]}');
const good = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');

describe('verifySignature', () => {
  it('accepts the HMAC-SHA256 of the exact raw bytes', () => {
    expect(computeSignature(body, secret)).toBe(good);
    expect(verifySignature(body, good, secret)).toBe(true);
  });

  it('rejects a signature over the decoded (re-serialised) body', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(reserialised.equals(body)).toBe(false);
    expect(verifySignature(reserialised, good, secret)).toBe(false);
  });

  it.each([
    ['missing header', undefined],
    ['empty header', ''],
    ['no prefix', good.slice(7)],
    ['sha1 prefix', 'sha1=' + good.slice(7)],
    ['one digit off', good.slice(0, -1) + (good.endsWith('0') ? '1' : '0')],
    ['too short', good.slice(0, -2)],
    ['too long', good + '00'],
    ['wrong secret', computeSignature(body, 'other')],
    ['non-latin junk', 'sha256=' + 'é'.repeat(64)],
  ])('rejects %s', (_name, header) => {
    expect(verifySignature(body, header, secret)).toBe(false);
  });

  it('rejects everything when the app secret is empty', () => {
    expect(verifySignature(body, computeSignature(body, ''), '')).toBe(false);
  });

  it('judges a repeated header by its first value', () => {
    expect(verifySignature(body, [good, 'sha256=00'], secret)).toBe(true);
    expect(verifySignature(body, ['sha256=00', good], secret)).toBe(false);
  });

  it('accepts upper-case hex digits', () => {
    expect(verifySignature(body, 'sha256=' + good.slice(7).toUpperCase(), secret)).toBe(true);
  });
});

describe('verifyChallenge', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1158201444' };

  it('returns the raw challenge for a matching token', () => {
    expect(verifyChallenge(query, 'tok')).toEqual({ ok: true, challenge: '1158201444' });
    expect(verifyChallenge(new URLSearchParams(query), 'tok')).toEqual({ ok: true, challenge: '1158201444' });
  });

  it('refuses a wrong token with 403 and a bad request with 400', () => {
    expect(verifyChallenge(query, 'other')).toMatchObject({ ok: false, status: 403 });
    expect(verifyChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'tok')).toMatchObject({ ok: false, status: 400 });
    expect(verifyChallenge({ 'hub.mode': 'subscribe' }, 'tok')).toMatchObject({ ok: false, status: 400 });
    expect(verifyChallenge(query, '')).toMatchObject({ ok: false, status: 403 });
  });
});
