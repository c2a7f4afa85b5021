import { parseWebhook } from '@parley/channels';
import { describe, expect, it } from 'vitest';
import { waValueErrors } from '../../../test/fake-graph/payloads';
import { createMetrics } from '../platform/metrics';
import { reportPlatformErrors } from './platform-errors';

describe('reportPlatformErrors', () => {
  it('counts value.errors by code and logs code and title without the details', async () => {
    const metrics = createMetrics();
    const lines: Array<Record<string, unknown>> = [];
    const log = { warn: (obj: Record<string, unknown>) => void lines.push(obj) };
    const parsed = parseWebhook(
      waValueErrors([
        { code: 131000, title: 'Something went wrong', details: 'text of +16505551234' },
        { code: 130429, title: 'Rate limit hit' },
      ]),
    );
    reportPlatformErrors(metrics, log, parsed.platformErrors);
    reportPlatformErrors(metrics, log, parseWebhook(waValueErrors([{ code: 131000, title: 'Something went wrong' }])).platformErrors);
    const counter = await metrics.webhookErrors.get();
    expect(counter.values.map((v) => [v.labels.code, v.value]).sort()).toEqual([
      ['130429', 1],
      ['131000', 2],
    ]);
    expect(lines[0]).toEqual({ channel: 'whatsapp', tenantKey: '106540352242922', code: 131000, title: 'Something went wrong' });
    expect(JSON.stringify(lines)).not.toContain('16505551234');
  });
});
