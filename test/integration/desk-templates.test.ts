/** An agent outside the 24-hour window: free text is refused with the reason, an approved template goes out. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fixtures: ['desk-demo.flow.json'], templates: 'as-locked' });
});
afterAll(async () => {
  await stack?.stop();
});

const path = (conv: string, action = ''): string => `/api/handoffs/${encodeURIComponent(conv)}${action}`;
const DAY_AND_AN_HOUR = 25 * 3600 * 1000;
const values = { first_name: 'Ana', order_id: '123456', carrier: 'DHL', eta: '2026-01-08', tracking_code: 'JD014600003SE' };

it('once the window has closed, an agent can only send an approved template', async () => {
  const from = '491700000911';
  const conv = `demo:whatsapp:${from}`;
  await stack.graph.postInbound(from, 'deskdemo');
  await waitFor('name prompt', () => stack.graph.textsTo(from).length === 1);
  await stack.graph.postInbound(from, 'Ana');
  await waitFor('handoff message', () => stack.graph.textsTo(from).length === 2);
  expect((await stack.api('GET', path(conv))).body.window.open).toBe(true);

  const realNow = stack.ctx.now;
  stack.ctx.now = () => realNow() + DAY_AND_AN_HOUR;
  try {
    expect((await stack.api('GET', path(conv))).body.window).toEqual({ open: false, until: null });
    const text = await stack.api('POST', path(conv, '/messages'), { text: 'Still there?' });
    expect(text.status).toBe(409);
    expect(text.body.error).toMatchObject({ code: 'window_closed', message: expect.stringContaining('send an approved template') });

    const pending = await stack.api('POST', path(conv, '/messages'), { template: { name: 'order_update', language: 'en', values } });
    expect(pending.status).toBe(409);
    expect(pending.body.error).toMatchObject({ code: 'template_refused', message: expect.stringContaining('not_approved') });

    await stack.ctx.templates!.apply('demo', {
      kind: 'status',
      wabaId: '102290129340398',
      templateId: '9001',
      name: 'order_update',
      language: 'en',
      status: 'approved',
      at: stack.ctx.now(),
    });
    const both = await stack.api('POST', path(conv, '/messages'), { text: 'hi', template: { name: 'order_update', language: 'en' } });
    expect(both.status).toBe(400);
    const sent = await stack.api('POST', path(conv, '/messages'), {
      template: { name: 'order_update', language: 'en', values },
      agent: 'Bob',
    });
    expect(sent.status).toBe(202);
    await waitFor('template delivered', () => stack.graph.textsTo(from).length === 3);
    expect(stack.graph.textsTo(from)[2]).toBe('template:order_update');
    const request = stack.graph.sendsTo(from)[2]!.body as { template: { components: Array<{ type: string; parameters: unknown[] }> } };
    expect(request.template.components.find((c) => c.type === 'body')!.parameters).toContainEqual({
      type: 'text',
      parameter_name: 'first_name',
      text: 'Ana',
    });
    const transcript = (await stack.api('GET', path(conv))).body.transcript.map((e: { text: string }) => e.text);
    expect(transcript).toContain('Bob: [template order_update (en)]');
  } finally {
    stack.ctx.now = realNow;
  }
});
