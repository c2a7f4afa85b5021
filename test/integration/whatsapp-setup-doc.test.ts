/**
 * docs/whatsapp-setup.md quotes the runtime's log lines and answers so an operator can search
 * the logs for them: each quoted fragment must still be in the guide AND in the source that
 * emits it, or the guide has drifted from the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const guide = read('docs/whatsapp-setup.md');

const QUOTED: Array<{ fragment: string; source: string }> = [
  { fragment: 'webhook rejected: X-Hub-Signature-256 does not match any configured app secret', source: 'runtime/src/ingress/webhooks.ts' },
  { fragment: 'message dropped: no tenant for this routing key and signature', source: 'runtime/src/ingress/webhooks.ts' },
  { fragment: 'status dropped: no tenant for this routing key and signature', source: 'runtime/src/ingress/webhooks.ts' },
  { fragment: 'hub.verify_token does not match', source: 'packages/channels/src/verify.ts' },
  { fragment: '); fix the token, then POST /api/tenants/', source: 'runtime/src/send/alerts.ts' },
  { fragment: 'ALERT: sending paused for tenant ', source: 'runtime/src/send/alerts.ts' },
  { fragment: "'parley_tenant_paused'", source: 'runtime/src/platform/metrics.ts' },
  { fragment: "'message dead-lettered'", source: 'runtime/src/send/sender.ts' },
  { fragment: "'message not sent: outside the 24-hour window'", source: 'runtime/src/send/sender.ts' },
  { fragment: ') is not set', source: 'runtime/src/config/resolve.ts' },
  { fragment: '. Start Redis or fix REDIS_URL.', source: 'runtime/src/stores/redis/index.ts' },
  { fragment: "'/api/tenants/:id/resume'", source: 'runtime/src/admin/ops-api.ts' },
];

describe('docs/whatsapp-setup.md', () => {
  it.each(QUOTED)('quotes "$fragment" as $source emits it', ({ fragment, source }) => {
    expect(read(source)).toContain(fragment);
    // The guide quotes the text without the source's string quotes, and a path with the tenant id filled in.
    const inGuide = fragment.replace(/^'|'$/g, '').replace(':id', 'shop');
    expect(guide).toContain(inGuide);
  });

  it('names the webhook field Parley needs and the route it serves', () => {
    expect(guide).toContain('subscribe **`messages`**');
    expect(read('runtime/src/ingress/webhooks.ts')).toContain("'/webhooks/:channel'");
    expect(guide).toContain('https://bot.example.com/webhooks/whatsapp');
  });
});
