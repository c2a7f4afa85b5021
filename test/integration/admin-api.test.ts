/** The admin/studio API and the operations endpoints against a running runtime (real Redis, fake Graph API). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBytes, wa } from '../fake-graph';
import { TEST_ADMIN_TOKEN, TEST_APP_SECRET } from '../../runtime/src/testing/context';
import { waitFor } from '../../runtime/src/testing/seed';
import { openSimulatorStream, startStack, type Stack } from './harness';
import { asConversationId } from '../../runtime/src/conversation';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fixtures: ['timer-demo.flow.json'] });
});
afterAll(async () => stack?.stop());

describe('admin API', () => {
  it('rejects requests without the token', async () => {
    const res = await fetch(`${stack.runtime.url}/api/flows`);
    expect(res.status).toBe(401);
  });

  it('lists flows, saves with optimistic concurrency, publishes and rolls back', async () => {
    const list = await stack.api('GET', '/api/flows');
    expect(list.body.map((f: { id: string }) => f.id)).toContain('timer-demo');
    const draft = await stack.api('GET', '/api/flows/timer-demo');
    expect(draft.body.revision).toMatch(/^1:[0-9a-f]{16}$/);
    const flow = {
      ...draft.body.flow,
      nodes: draft.body.flow.nodes.map((n: { id: string }) => (n.id === 'hello' ? { ...n, text: 'Hi {{name}}!' } : n)),
    };
    const saved = await stack.api('PUT', '/api/flows/timer-demo', { flow, layout: null, baseRevision: draft.body.revision });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toMatch(/^2:/);
    expect(JSON.parse(readFileSync(join(stack.flowsDir, 'timer-demo.flow.json'), 'utf8')).revision).toBe(2);
    const conflict = await stack.api('PUT', '/api/flows/timer-demo', { flow, layout: null, baseRevision: draft.body.revision });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('conflict');
    expect(conflict.body.current.revision).toBe(saved.body.revision);
    // A numeric revision (the flow file's own number) is not a token: refused as a conflict.
    expect((await stack.api('PUT', '/api/flows/timer-demo', { flow, layout: null, baseRevision: 2 })).status).toBe(409);
    const published = await stack.api('POST', '/api/flows/timer-demo/publish', { summary: 'friendlier greeting' });
    expect(published.status).toBe(200);
    const versions = await stack.api('GET', '/api/flows/timer-demo/versions');
    expect(versions.body[0]).toMatchObject({ version: published.body.version, summary: 'friendlier greeting' });
    const rolled = await stack.api('POST', '/api/flows/timer-demo/rollback', { version: 1 });
    expect(rolled.body.version).toBeGreaterThan(published.body.version);
    const after = await stack.api('GET', '/api/flows/timer-demo');
    expect(JSON.stringify(after.body.flow)).toContain('Hello {{name}}!');
  });

  it('a long publish summary is cut to 500 units between graphemes, never inside an emoji', async () => {
    const res = await stack.api('POST', '/api/flows/order-status/publish', { summary: `${'a'.repeat(499)}😀 and more` });
    expect(res.status).toBe(200);
    const [latest] = (await stack.api('GET', '/api/flows/order-status/versions')).body as Array<{ summary: string }>;
    expect(latest!.summary).toBe('a'.repeat(499));
  });

  it('publish refuses a flow with errors (422 with issues)', async () => {
    const draft = await stack.api('GET', '/api/flows/timer-demo');
    const broken = { ...draft.body.flow, start: 'nowhere' };
    await stack.api('PUT', '/api/flows/timer-demo', { flow: broken, layout: null, baseRevision: draft.body.revision });
    const res = await stack.api('POST', '/api/flows/timer-demo/publish', { summary: 'broken' });
    expect(res.status).toBe(422);
    expect(res.body.issues.length).toBeGreaterThan(0);
    const list = await stack.api('GET', '/api/flows');
    const entry = list.body.find((f: { id: string }) => f.id === 'timer-demo');
    expect(entry.issues.some((i: { severity: string }) => i.severity === 'error')).toBe(true);
    expect(entry.publishedVersion).not.toBeNull();
  });

  it('simulator sessions run through the same pipeline with SSE out', async () => {
    const created = await stack.api('POST', '/api/simulator/sessions', { flowId: 'order-status' });
    expect(created.status).toBe(201);
    const sid = created.body.sessionId as string;
    const stream = await openSimulatorStream(stack, sid);
    const { events } = stream;
    await waitFor('bot prompt', () => events.some((e) => e.type === 'bot'));
    expect(events.find((e) => e.type === 'bot')?.message?.text).toMatch(/order number/);
    expect(events.some((e) => e.type === 'state')).toBe(true);
    await stack.api('POST', `/api/simulator/sessions/${sid}/messages`, { message: { kind: 'text', text: 'no idea' } });
    await waitFor('retry prompt', () => events.filter((e) => e.type === 'bot').length >= 2);
    // Understanding the free text trained order-status's classifier once; the model is stored for other processes.
    await waitFor('model stored', async () => (await stack.ctx.stores.models.loadAll()).size > 0);
    await stream.close();
  });
});

describe('operations API', () => {
  it('login issues a token that works; a wrong password is 401', async () => {
    const bad = await fetch(`${stack.runtime.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'nope' }),
    });
    expect(bad.status).toBe(401);
    const ok = await fetch(`${stack.runtime.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'test-password' }),
    });
    const { token } = (await ok.json()) as { token: string };
    const flows = await fetch(`${stack.runtime.url}/api/flows`, { headers: { authorization: `Bearer ${token}` } });
    expect(flows.status).toBe(200);
  });

  it('dead letters are listed and replayed through the send plane', async () => {
    const from = '491700000008';
    const conv = asConversationId(`demo:whatsapp:${from}`);
    await stack.graph.postInbound(from, wa.image());
    await waitFor('contact recorded', async () => (await stack.ctx.stores.conversations.contact(conv))?.lastInboundAt);
    stack.graph.failNext(1, '5xx', { code: 131026, httpStatus: 400 });
    await stack.ctx.stores.outbox.enqueue(
      conv,
      { key: 'dl-1', nodeId: 'n', lane: 0, attempts: 0, createdAt: Date.now(), message: { kind: 'text', text: 'undeliverable once' } },
      Date.now(),
    );
    const letter = await waitFor('dead letter', async () =>
      (await stack.api('GET', '/api/dead-letters')).body.find((d: { item: { key: string } }) => d.item.key === 'dl-1'),
    );
    expect(letter.code).toBe(131026);
    const replay = await stack.api('POST', `/api/dead-letters/${letter.id}/replay`);
    expect(replay.status).toBe(200);
    await waitFor('replayed send', () => stack.graph.textsTo(from).includes('undeliverable once'));
    expect((await stack.api('POST', `/api/dead-letters/${letter.id}/replay`)).status).toBe(404);
  });

  it('a token failure pauses the tenant until POST /api/tenants/:id/resume', async () => {
    const from = '491700000010';
    const conv = asConversationId(`demo:whatsapp:${from}`);
    await stack.graph.postInbound(from, wa.image());
    await waitFor('contact recorded', async () => (await stack.ctx.stores.conversations.contact(conv))?.lastInboundAt);
    stack.graph.failNext(1, 'token_expired');
    await stack.ctx.stores.outbox.enqueue(
      conv,
      { key: 'tok-1', nodeId: 'n', lane: 0, attempts: 0, createdAt: Date.now(), message: { kind: 'text', text: 'after resume' } },
      Date.now(),
    );
    await waitFor('paused', () => stack.ctx.stores.tenants.paused('demo'));
    const metrics = await (await fetch(`${stack.runtime.url}/metrics`)).text();
    expect(metrics).toMatch(/parley_tenant_paused\{tenant="demo"\} 1/);
    expect((await stack.api('POST', '/api/tenants/demo/resume')).body).toEqual({ resumed: true });
    expect((await stack.api('POST', '/api/tenants/nobody/resume')).status).toBe(404);
    await waitFor('sent after resume', () => stack.graph.textsTo(from).includes('after resume'), 8000);
  }, 15_000);

  it('a handed-off conversation is released back to the bot through the API', async () => {
    const from = '491700000014';
    const conv = asConversationId(`demo:whatsapp:${from}`);
    await stack.graph.postInbound(from, 'track my order');
    await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
    await stack.graph.postInbound(from, 'I want to talk to a human agent');
    await waitFor('handoff', async () => (await stack.ctx.stores.conversations.load(conv)).session?.snapshot.status === 'handoff');
    const sentBefore = stack.graph.textsTo(from).length;
    expect((await stack.api('POST', `/api/handoffs/${encodeURIComponent('demo:whatsapp:491700000099')}/release`, {})).status).toBe(409);
    const res = await stack.api('POST', `/api/handoffs/${encodeURIComponent(conv)}/release`, {});
    expect(res.status).toBe(202);
    await waitFor('bot continues', async () => (await stack.ctx.stores.conversations.load(conv)).session?.snapshot.status !== 'handoff');
    await waitFor('bot speaks again', () => stack.graph.textsTo(from).length > sentBefore);
  });

  it('nlu try, tests append and metrics answer', async () => {
    const nlu = await stack.api('POST', '/api/nlu/try', { flowId: 'order-status', text: 'where is my order?' });
    expect(nlu.body).toMatchObject({ intent: 'order_status' });
    const added = await stack.api('POST', '/api/flows/timer-demo/tests', { test: { name: 'greets', turns: [{ user: 'Ana' }] } });
    expect(added.status).toBe(201);
    expect((await stack.api('GET', '/api/flows/timer-demo/tests')).body.tests.at(-1).name).toBe('greets');
    expect((await stack.api('POST', '/api/flows/timer-demo/tests', { test: { turns: [] } })).status).toBe(400);
    const metrics = await (await fetch(`${stack.runtime.url}/metrics`)).text();
    for (const name of [
      'parley_ingress_latency_ms',
      'parley_processing_latency_ms',
      'parley_sends_total',
      'parley_intent_resolutions_total',
      'parley_queue_depth',
      'parley_active_conversations',
    ]) {
      expect(metrics).toContain(name);
    }
    for (const queue of ['inbox', 'outbox', 'dead_letters'])
      expect(metrics).toMatch(new RegExp(`parley_queue_depth\\{queue="${queue}"\\} \\d+`));
    expect((await fetch(`${stack.runtime.url}/readyz`)).status).toBe(200);
  });
});

describe('bad ids and bad JSON', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.runtime.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('an id that would leave the flows folder or reach another key is 400, whatever route takes it', async () => {
    // A flow planted next to the flows folder, reachable by ../ before ids were checked.
    const outside = join(stack.flowsDir, '..', `outside-${process.pid}`);
    mkdirSync(outside, { recursive: true });
    writeFileSync(
      join(outside, 'planted.flow.json'),
      readFileSync(join(stack.flowsDir, 'order-status.flow.json'), 'utf8').replace('"id": "order-status"', '"id": "planted"'),
    );
    const flowId = `../outside-${process.pid}/planted`;
    const nlu = await stack.api('POST', '/api/nlu/try', { flowId, text: 'where is my order?' });
    expect(nlu.status).toBe(400);
    expect(nlu.body.error).toMatchObject({ code: 'bad_flow_id', message: expect.stringContaining(`flowId "${flowId}" is not a flow id`) });
    for (const [method, path, body] of [
      ['GET', `/api/analytics/${encodeURIComponent(flowId)}`, undefined],
      ['GET', `/api/flows/${encodeURIComponent(flowId)}`, undefined],
      ['GET', '/api/flows/timer-demo/versions/1%2F..', undefined],
      ['POST', '/api/simulator/sessions', { flowId }],
      ['POST', '/api/flows', { flow: { id: '../x' }, layout: null }],
      ['POST', `/api/events/${encodeURIComponent('a/../b')}`, { contact: { id: '4917', channel: 'whatsapp' }, params: {} }],
      ['POST', '/api/events/cart.abandoned', { contact: { id: '4917', channel: 'whatsapp' }, params: {}, flowId }],
      ['POST', `/api/dead-letters/${encodeURIComponent('../x')}/replay`, undefined],
    ] as const) {
      const res = await stack.api(method, path, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(/is not|not valid/);
    }
  });

  it('a 20,000-deep JSON body is 400 invalid_json, not a stack overflow (API and signed webhooks)', async () => {
    const deep = `{"flow":${'['.repeat(20_000)}${']'.repeat(20_000)},"layout":null}`;
    const res = await post('/api/flows', deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json', message: expect.stringContaining('deeper than 64 levels') } });
    expect((await post('/api/flows', '{"flow": {"id": "x",}')).status).toBe(400);
    expect((await post('/api/flows', '{"__proto__": {"admin": true}}')).status).toBe(400);
    // A webhook: signed over the exact bytes (so it is checked), then refused as too deep.
    const body = Buffer.from(`{"object":"whatsapp_business_account","entry":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    const hook = await fetch(`${stack.runtime.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBytes(body, TEST_APP_SECRET) },
      body,
    });
    expect(hook.status).toBe(400);
    expect(((await hook.json()) as { error: { message: string } }).error.message).toContain('deeper than 64 levels');
    expect((await fetch(`${stack.runtime.url}/healthz`)).status).toBe(200);
  });
});
