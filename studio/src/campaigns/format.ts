/** Numbers, shares, durations and statuses as the campaign pages write them. */
import type { CampaignStatus } from '@parley/contract';

const numberFormat = new Intl.NumberFormat('en');

export function count(n: number): string {
  return numberFormat.format(n);
}

/** 0.1234 → "12.3 %"; a share of nothing is "–". */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('en')} %`;
}

export function percentOf(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toLocaleString('en')} %`;
}

/** 95_000 → "1 min 35 s", 7_380_000 → "2 h 3 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function dateTime(ms: number | undefined): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

const STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function statusLabel(status: CampaignStatus): string {
  return STATUS_LABEL[status] ?? status;
}

const REASON_LABEL: Record<string, string> = {
  no_consent: 'No marketing opt-in',
  // Not "Opted out": that is the funnel's own row (opted out after the send).
  opted_out: 'Had opted out',
  erased: 'Erased',
  frequency_cap: 'Frequency cap',
  template_not_approved: 'Template not approved',
  no_address: 'No address',
  campaign_ended: 'Campaign ended',
  rate_limit: 'Rate limit',
  spam: 'Spam rate limit',
  engagement: 'Ecosystem engagement',
  window_closed: 'Window closed',
  blocked: 'Blocked by the user',
};

/** A suppression reason or a failure class in words ("frequency_cap" → "Frequency cap"). */
export function reasonLabel(reason: string): string {
  return REASON_LABEL[reason] ?? reason.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
