/**
 * The publish gate (issue #11): POST /api/flows/:id/publish is refused while a template the flow
 * or a subflow can send is not approved; `force` with a reason publishes anyway and the history
 * keeps both; every version records the template pins it sends (kept by the template service),
 * and a rollback keeps the old version's. Also the 24-hour window in the simulator's session
 * answer. On every store (the Redis store must round-trip the pins and the forced record).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ALL_ROLES } from '../app/roles';
import { startRuntime, type RunningRuntime } from '../app/runtime';
import type { RuntimeContext } from '../platform/context';
import { describeStores } from '../stores/contract/harness';
import { TEST_ADMIN_TOKEN, createTestContext } from '../testing/context';
import { fakeTemplateService, type FakeTemplateService } from '../testing/fake-template-service';
import type { TemplateFile } from '@parley/templates';
import { waitFor } from '../testing/seed';

const child = {
  id: 'receipt',
  name: 'Receipt',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'send',
  nodes: [
    { id: 'send', type: 'template', name: 'order_update', language: 'en', values: { order_id: 'A-1' }, exits: { next: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};
const parent = {
  id: 'checkout',
  name: 'Checkout',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'remind',
  variables: { more: { type: 'string' } },
  triggers: [{ type: 'keyword', keywords: ['checkout'] }],
  nodes: [
    { id: 'remind', type: 'template', name: 'cart_reminder', language: 'en', values: { first_name: 'Maya' }, exits: { next: 'receipt' } },
    { id: 'receipt', type: 'subflow', flow: 'receipt', exits: { next: 'hi' } },
    { id: 'hi', type: 'ask', prompt: 'Anything else?', expect: 'text', saveAs: 'more', exits: { next: 'done', invalid: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};

const files: TemplateFile[] = [
  {
    name: 'cart_reminder',
    category: 'marketing',
    parameters: { first_name: { type: 'text', example: 'Maya' } },
    languages: { en: { body: 'Hi {{first_name}}, your cart is waiting for you.' } },
  },
  {
    name: 'order_update',
    category: 'utility',
    parameters: { order_id: { type: 'text', example: 'A-1' } },
    languages: { en: { body: 'Your order {{order_id}} has shipped today.' } },
  },
];

describeStores('publish gate', (get) => {
  let ctx: RuntimeContext;
  let rt: RunningRuntime;
  let templates: FakeTemplateService;

  beforeEach(async () => {
    ctx = createTestContext(get());
    writeFileSync(join(ctx.flows.dir, 'receipt.flow.json'), JSON.stringify(child));
    writeFileSync(join(ctx.flows.dir, 'checkout.flow.json'), JSON.stringify(parent));
    templates = fakeTemplateService({ files });
    templates.setStatus('demo', 'cart_reminder', 'en', 'approved', 'marketing');
    templates.setStatus('demo', 'order_update', 'en', 'pending', 'utility');
    ctx.templates = templates;
    rt = await startRuntime(ctx, { roles: new Set(ALL_ROLES), port: 0, host: '127.0.0.1', watch: false });
  });
  afterEach(async () => rt.stop());

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it("is refused while a subflow's template is pending; force needs a reason; forced, the history shows why and what", async () => {
    const refused = await api('POST', '/api/flows/checkout/publish', { summary: 'try' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'templates_not_approved',
      details: [{ name: 'order_update', language: 'en', status: 'pending', tenant: 'demo' }],
    });
    expect(refused.body.error.message).toContain('order_update (en) is pending for tenant demo');

    const noReason = await api('POST', '/api/flows/checkout/publish', { force: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('needs a reason');

    const forced = await api('POST', '/api/flows/checkout/publish', { summary: 'launch', force: true, reason: 'campaign starts today' });
    expect(forced.status).toBe(200);
    const versions = await api('GET', '/api/flows/checkout/versions');
    const pins = { cart_reminder: { en: 'hash-cart_reminder-en' }, order_update: { en: 'hash-order_update-en' } };
    expect(versions.body[0]).toMatchObject({
      version: forced.body.version,
      live: true,
      forced: { reason: 'campaign starts today', templates: [{ name: 'order_update', language: 'en', status: 'pending', tenant: 'demo' }] },
      templatePins: pins,
    });
    expect(templates.kept.at(-1)).toEqual(pins);
    expect((await api('GET', `/api/flows/checkout/versions/${forced.body.version}`)).body.templatePins).toEqual(pins);
    expect(await ctx.flows.templatePins('checkout', forced.body.version)).toEqual(pins);
  });

  it('publishes when every template is approved (no forced record); a rollback keeps the old pins', async () => {
    templates.setStatus('demo', 'order_update', 'en', 'approved', 'utility');
    const first = await api('POST', '/api/flows/checkout/publish', { force: true, reason: 'not needed' });
    expect(first.status).toBe(200);
    const [latest] = (await api('GET', '/api/flows/checkout/versions')).body as Array<Record<string, unknown>>;
    expect(latest).not.toHaveProperty('forced');
    expect(latest?.templatePins).toEqual({ cart_reminder: { en: 'hash-cart_reminder-en' }, order_update: { en: 'hash-order_update-en' } });
    // A file deploy publishes without pins; rolling back to the API's version brings them back.
    const rolled = await api('POST', '/api/flows/checkout/rollback', { version: first.body.version });
    expect(rolled.status).toBe(200);
    expect((await api('GET', `/api/flows/checkout/versions/${rolled.body.version}`)).body.templatePins).toEqual(latest?.templatePins);
  });

  it('checks the template nodes against the files: a parameter the template lacks is an error (422)', async () => {
    const wrong = {
      ...parent,
      revision: 2,
      nodes: parent.nodes.map((n) => (n.id === 'remind' ? { ...n, values: { first_name: 'Maya', coupon: 'X' } } : n)),
    };
    writeFileSync(join(ctx.flows.dir, 'checkout.flow.json'), JSON.stringify(wrong));
    const res = await api('POST', '/api/flows/checkout/publish', {});
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', nodeId: 'remind' })]));
  });

  it('with templates off, publishing checks nothing and pins nothing', async () => {
    ctx.templates = fakeTemplateService({ enabled: false });
    const res = await api('POST', '/api/flows/checkout/publish', {});
    expect(res.status).toBe(200);
    const [latest] = (await api('GET', '/api/flows/checkout/versions')).body as Array<Record<string, unknown>>;
    expect(latest).not.toHaveProperty('templatePins');
  });

  it("a simulator session answers with its 24-hour window, opened by the user's last message", async () => {
    const created = await api('POST', '/api/simulator/sessions', { flowId: 'checkout', flow: parent });
    const sid = created.body.sessionId as string;
    await waitFor('started', async () => (await api('GET', `/api/simulator/sessions/${sid}`)).body.status === 'waiting');
    expect((await api('GET', `/api/simulator/sessions/${sid}`)).body).toEqual({
      sessionId: sid,
      flowId: 'checkout',
      status: 'waiting',
      window: { open: false, until: null },
    });
    const before = Date.now();
    await api('POST', `/api/simulator/sessions/${sid}/messages`, { message: { kind: 'text', text: 'nothing' } });
    const answered = await waitFor('window open', async () => {
      const s = await api('GET', `/api/simulator/sessions/${sid}`);
      return s.body.window.open ? s.body : null;
    });
    const until = Date.parse(answered.window.until as string);
    expect(until).toBeGreaterThanOrEqual(before + 24 * 3600 * 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
  });
});
