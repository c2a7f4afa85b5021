import { expect, it } from 'vitest';
import type { OutboundItem } from '../conversation';
import { WINDOW_MS, decideWindow, isInsideWindow, windowInfo } from './window';

const item = (extra: Partial<OutboundItem> = {}): OutboundItem => ({
  key: 'k',
  nodeId: 'n',
  lane: 0,
  message: { kind: 'text', text: 'hi' },
  attempts: 0,
  createdAt: 0,
  ...extra,
});
const tpl = { kind: 'template' as const, name: 'cart_reminder', language: 'en', params: { body: ['x'] } };

it('knows the window from the last inbound time', () => {
  expect(isInsideWindow(undefined, 10)).toBe(false);
  expect(isInsideWindow(0, WINDOW_MS - 1)).toBe(true);
  expect(isInsideWindow(0, WINDOW_MS)).toBe(false);
});

it('sends free-form inside, the node template outside, else the configured fallback', () => {
  expect(decideWindow(item(), true, undefined)).toEqual({ send: { kind: 'text', text: 'hi' }, usedTemplate: false });
  expect(decideWindow(item({ fallbackTemplate: tpl }), false, undefined)).toEqual({ send: tpl, usedTemplate: true });
  expect(decideWindow(item(), false, undefined)).toMatchObject({ send: null, fallback: { type: 'drop' } });
  expect(decideWindow(item(), false, { type: 'webhook', url: 'http://sms' })).toMatchObject({ send: null, fallback: { type: 'webhook' } });
  expect(decideWindow(item(), false, { type: 'template', name: 'reopen', language: 'en' })).toMatchObject({
    send: { kind: 'template', name: 'reopen' },
  });
  expect(decideWindow(item({ message: tpl }), false, undefined)).toEqual({ send: tpl, usedTemplate: true });
});

it('shows the window as open until an ISO time, or closed', () => {
  const last = Date.UTC(2026, 11, 3, 9, 30);
  expect(windowInfo(last, last + 1000)).toEqual({ open: true, until: '2026-12-04T09:30:00.000Z' });
  expect(windowInfo(last, last + WINDOW_MS)).toEqual({ open: false, until: null });
  expect(windowInfo(undefined, last)).toEqual({ open: false, until: null });
});
