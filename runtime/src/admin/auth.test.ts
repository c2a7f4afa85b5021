import { expect, it } from 'vitest';
import { checkPassword, constantTimeEqual, isAuthorized, issueLoginToken } from './auth';

it('compares in constant time and exactly', () => {
  expect(constantTimeEqual('abc', 'abc')).toBe(true);
  expect(constantTimeEqual('abc', 'abd')).toBe(false);
  expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  expect(constantTimeEqual('abcd', 'abc')).toBe(false);
  expect(constantTimeEqual('', 'a')).toBe(false);
});

it('accepts the admin token and unexpired login tokens only', () => {
  const secrets = { token: 'admin-token', password: 'pw' };
  expect(isAuthorized(secrets, 'Bearer admin-token', 0)).toBe(true);
  expect(isAuthorized(secrets, 'Bearer admin-tokenx', 0)).toBe(false);
  expect(isAuthorized(secrets, undefined, 0)).toBe(false);
  const t = issueLoginToken(secrets, 1000)!;
  expect(isAuthorized(secrets, `Bearer ${t}`, 2000)).toBe(true);
  expect(isAuthorized(secrets, `Bearer ${t}`, 1000 + 13 * 3600 * 1000)).toBe(false);
  expect(isAuthorized({ password: 'other' }, `Bearer ${t}`, 2000)).toBe(false);
  expect(isAuthorized(secrets, `Bearer ${t.slice(0, -2)}xx`, 2000)).toBe(false);
  expect(checkPassword(secrets, 'pw')).toBe(true);
  expect(checkPassword(secrets, 'PW')).toBe(false);
  expect(checkPassword({}, 'pw')).toBe(false);
});
