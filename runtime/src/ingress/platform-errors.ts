/**
 * Meta's change-level `value.errors` (e.g. 130429 or 131000 reported asynchronously): not tied
 * to one message, so nothing else would ever show them. Counted by code and logged with code
 * and title only — `details` can quote message content, which stays out of the logs.
 */
import type { PlatformError } from '@parley/channels';
import type { FastifyBaseLogger } from 'fastify';
import type { RuntimeMetrics } from '../platform/metrics';

export function reportPlatformErrors(metrics: RuntimeMetrics, log: Pick<FastifyBaseLogger, 'warn'>, errors: PlatformError[]): void {
  for (const e of errors) {
    metrics.webhookErrors.inc({ channel: e.channel, code: String(e.code) });
    log.warn(
      { channel: e.channel, tenantKey: e.tenantKey, code: e.code, title: e.title },
      'Meta reported an error in a webhook (value.errors)',
    );
  }
}
