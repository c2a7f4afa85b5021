import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours';

const night = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it('holds until the end on the contact’s clock, across midnight', () => {
    // 23:30:15.250 in Madrid (UTC+1 in January) → 08:00 next day = 07:00 UTC.
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 22, 30, 15, 250), 'Europe/Madrid', night)).toBe(Date.UTC(2025, 0, 15, 7, 0));
    // 02:00 in Tokyo (UTC+9) → 08:00 the same day.
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 17, 0), 'Asia/Tokyo', night)).toBe(Date.UTC(2025, 0, 14, 23, 0));
  });

  it('is not quiet outside the window, at its end minute, or without quiet hours', () => {
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 12, 0), 'Europe/Madrid', night)).toBeNull();
    expect(quietHoursEnd(Date.UTC(2025, 0, 15, 7, 0), 'Europe/Madrid', night)).toBeNull();
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 23, 0), 'UTC', undefined)).toBeNull();
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 23, 0), 'UTC', { start: '09:00', end: '09:00' })).toBeNull();
  });

  it('handles a window inside one day, and reads an unknown zone as UTC', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 13, 0), 'Not/AZone', lunch)).toBe(Date.UTC(2025, 0, 14, 14, 0));
    expect(quietHoursEnd(Date.UTC(2025, 0, 14, 11, 59), 'UTC', lunch)).toBeNull();
  });

  it('follows daylight saving time (New York in July is UTC-4)', () => {
    expect(quietHoursEnd(Date.UTC(2025, 6, 15, 3, 0), 'America/New_York', night)).toBe(Date.UTC(2025, 6, 15, 12, 0));
  });
});
