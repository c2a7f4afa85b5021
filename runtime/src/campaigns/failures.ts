/**
 * How a failed campaign message is reported (the funnel's `failedBy`), and which failures are
 * quality signals: Meta telling the business its marketing is unwelcome. Past
 * `marketing.autoPause.failureRate` of the sends (after `minSends`), they pause the campaign.
 */
import { classifyStatusErrors } from '@parley/channels';

/** Meta's marketing-specific codes and what the funnel calls them. */
const CLASS_OF_CODE: Record<number, string> = {
  131048: 'spam_rate_limit',
  131049: 'ecosystem_engagement',
  131050: 'user_stopped_marketing',
  131047: 'window_closed',
  131026: 'undeliverable',
  131031: 'account_locked',
  130472: 'experiment',
};

/** Codes that count towards auto-pause: spam limit, healthy-engagement refusals, people stopping marketing. */
export const QUALITY_CODES: readonly number[] = [131048, 131049, 131050];

export function failureClass(codes: readonly number[]): string {
  for (const code of codes) if (CLASS_OF_CODE[code]) return CLASS_OF_CODE[code];
  if (codes.length === 0) return 'unknown';
  return classifyStatusErrors(codes.map((code) => ({ code }))).kind;
}
