import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeSignature } from '@parley/channels';
import { wa, waInbound } from '../../../test/fake-graph/payloads';
import type { RuntimeContext } from '../platform/context';
import { buildServer } from '../app/server';
import { createMemoryStores } from '../stores';
import { TEST_APP_SECRET, createTestContext, testConfig } from '../testing/context';

let ctx: RuntimeContext;
let app: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  ctx = createTestContext(createMemoryStores(), { config: testConfig({ server: { bodyLimitBytes: 4096 } }) });
  app = await buildServer(ctx, { ingress: true });
});
afterAll(() => app.close());

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await ctx.metrics.ingressLatency.get()).values) {
    if (v.metricName === 'parley_ingress_latency_ms_count') out[`${v.labels.channel}/${v.labels.outcome}/${v.labels.status}`] = v.value;
  }
  return out;
}

it('counts every webhook answer with its status, those Fastify gives before the handler included', async () => {
  const body = JSON.stringify(waInbound('16505551234', wa.text('hi')));
  const headers = { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) };
  expect((await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers })).statusCode).toBe(200);
  expect(
    (await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers: { 'content-type': 'application/json' } }))
      .statusCode,
  ).toBe(401);
  const big = JSON.stringify({ pad: 'x'.repeat(5000) });
  expect(
    (await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: big, headers: { 'content-type': 'application/json' } }))
      .statusCode,
  ).toBe(413);
  for (const name of ['telegram', 'x1', 'x2'])
    expect((await app.inject({ method: 'POST', url: `/webhooks/${name}`, payload: body, headers })).statusCode).toBe(404);
  expect(await counts()).toEqual({
    'whatsapp/ok/200': 1,
    'whatsapp/bad_signature/401': 1,
    'whatsapp/rejected/413': 1,
    // Made-up channel names share one label: a scanner cannot grow the metric without bound.
    'unknown/unknown_channel/404': 3,
  });
});
