import { describe, expect, it } from 'vitest';
import { WINDOW_MS } from '@parley/contract';
import { formatUntil, previewWindow, sendsWhenClosed, windowText } from './window';

const now = Date.parse('2026-03-10T10:00:00');

describe('preview 24-hour window', () => {
  it('is open for 24 hours after the last message typed, closed before any and under the "24 h later" switch', () => {
    const last = now - 3_600_000;
    expect(previewWindow(last, now, false)).toEqual({ open: true, until: last + WINDOW_MS });
    expect(previewWindow(now - WINDOW_MS, now, false)).toEqual({ open: false, until: null });
    expect(previewWindow(null, now, false)).toEqual({ open: false, until: null });
    expect(previewWindow(last, now, true)).toEqual({ open: false, until: null });
  });

  it('takes the runtime’s answer when there is one', () => {
    expect(previewWindow(null, now, false, { open: true, until: '2026-03-11T09:00:00.000Z' })).toEqual({
      open: true,
      until: Date.parse('2026-03-11T09:00:00.000Z'),
    });
    expect(previewWindow(now, now, false, { open: false, until: null })).toEqual({ open: false, until: null });
    // The switch still wins: it is the marketer asking "what if a day had passed".
    expect(previewWindow(now, now, true, { open: true, until: '2026-03-11T09:00:00.000Z' }).open).toBe(false);
  });

  it('words the bar with the closing time, and the day when it is not today', () => {
    const today = Date.parse('2026-03-10T15:42:00');
    expect(windowText({ open: true, until: today }, now - 1, now)).toBe(`24-hour window open until ${formatUntil(today, now)}`);
    expect(formatUntil(today, now)).toMatch(/^15:42$/);
    expect(formatUntil(Date.parse('2026-03-11T09:05:00'), now)).toMatch(/ 09:05$/);
    expect(windowText({ open: false, until: null }, now - WINDOW_MS, now)).toBe('24-hour window closed — only templates go');
    expect(windowText({ open: false, until: null }, null, now)).toMatch(/has not written yet/);
  });

  it('lets only templates through a closed window', () => {
    expect(sendsWhenClosed({ kind: 'template', name: 'x', language: 'en', params: {} })).toBe(true);
    expect(sendsWhenClosed({ kind: 'text', text: 'hi' })).toBe(false);
    expect(sendsWhenClosed({ kind: 'choices', text: 'pick', options: [{ id: 'a', title: 'A' }] })).toBe(false);
  });
});
