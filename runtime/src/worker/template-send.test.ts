/**
 * The worker's side of templates: the step gets the template gate of the session's tenant and
 * flow version (its pins), a refused template is counted and logged and the node takes its
 * failure path, a marketing template goes out on the bulk lane, and without templates nothing
 * changes. Memory stores, the real engine, a status-only TemplateService.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow, type Flow } from '@parley/flow';
import { beforeEach, describe, expect, it } from 'vitest';
import { conversationId, type ConversationState, type InboxItem } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { fakeTemplateService, type FakeTemplateService } from '../testing/fake-template-service';
import { createItemProcessor, type ItemProcessor } from './process';
import { Understanders } from './understanding';

const FLOW = {
  id: 'cart',
  name: 'Cart reminder',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'remind',
  triggers: [{ type: 'event', event: 'cart_abandoned' }],
  nodes: [
    {
      id: 'remind',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: 'Maya' },
      exits: { next: 'notify', failed: 'sorry' },
    },
    { id: 'notify', type: 'template', name: 'order_update', language: 'en', values: { order_id: 'A-17' }, exits: { next: 'done' } },
    { id: 'sorry', type: 'message', text: 'No reminder today', exits: { next: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};

const whatsapp = conversationId('demo', 'whatsapp', '16505550301');
const preview = conversationId('sim', 'simulator', 'preview-template-1');
const nothing: ConversationState = { session: null, contact: null, timers: {} };
const abandoned = (): InboxItem => ({
  kind: 'event',
  name: 'cart_abandoned',
  params: {},
  contact: { id: '16505550301' },
  receivedAt: Date.now(),
});

let ctx: RuntimeContext;
let templates: FakeTemplateService;
let processItem: ItemProcessor;
let flow: Flow;
const PINS = { cart_reminder: { en: 'pinned-cart-v1' }, order_update: { en: 'pinned-order-v3' } };

beforeEach(async () => {
  ctx = createTestContext(createMemoryStores());
  writeFileSync(join(ctx.flows.dir, 'cart.flow.json'), JSON.stringify(FLOW));
  await ctx.flows.loadAll();
  const checked = validateFlow(FLOW);
  if (!checked.flow) throw new Error(`the test flow does not validate: ${JSON.stringify(checked.issues)}`);
  flow = checked.flow;
  // Published through the admin API's path: version 2 records the pins.
  await ctx.flows.publish('cart', { flow, by: 'test', summary: 'with pins', templatePins: PINS });
  templates = fakeTemplateService();
  templates.setStatus('demo', 'cart_reminder', 'en', 'approved', 'marketing');
  templates.setStatus('demo', 'order_update', 'en', 'approved', 'utility');
  ctx.templates = templates;
  processItem = createItemProcessor(ctx, new Understanders(ctx));
});

const refusedCount = async (): Promise<string> => ctx.metrics.registry.getSingleMetricAsString('parley_template_refused_total');

describe('template sends in the worker', () => {
  it("asks the tenant's gate with the version's pins; marketing goes on the bulk lane, utility keeps the event's lane", async () => {
    const out = await processItem(whatsapp, abandoned(), nothing);
    expect(templates.gateCalls).toEqual([{ tenant: 'demo', pins: PINS }]);
    expect(out.commit.outbound.map((o) => [o.nodeId, o.lane, o.message.kind === 'template' ? o.message.version : null])).toEqual([
      ['remind', 2, 'pinned-cart-v1'],
      ['notify', 1, 'pinned-order-v3'],
    ]);
    expect(out.commit.outbound[0]?.message).toMatchObject({
      kind: 'template',
      name: 'cart_reminder',
      category: 'marketing',
      params: { body: [{ type: 'text', name: 'first_name', text: 'Maya' }] },
    });
    expect(await refusedCount()).not.toContain('parley_template_refused_total{');
  });

  it('a paused template is not queued: the node takes its failure exit, the refusal is counted and announced', async () => {
    templates.setStatus('demo', 'cart_reminder', 'en', 'paused', 'marketing');
    const out = await processItem(whatsapp, abandoned(), nothing);
    expect(out.commit.outbound.map((o) => o.message)).toEqual([{ kind: 'text', text: 'No reminder today' }]);
    expect(out.commit.counters.map((c) => c.field)).toContain('template.refused:remind');
    expect(await refusedCount()).toContain('parley_template_refused_total{reason="paused"} 1');
    expect(out.events[0]).toMatchObject({
      type: 'engine.stepped',
      refusals: [{ type: 'template.refused', nodeId: 'remind', name: 'cart_reminder', language: 'en', reason: 'paused' }],
    });
  });

  it('without templates (none configured) the gate is not asked and template nodes send as before', async () => {
    ctx.templates = fakeTemplateService({ enabled: false });
    const out = await processItem(whatsapp, abandoned(), nothing);
    expect(out.commit.outbound.map((o) => [o.nodeId, o.lane])).toEqual([
      ['remind', 1],
      ['notify', 1],
    ]);
    expect(out.commit.outbound[0]?.message).toMatchObject({ kind: 'template', name: 'cart_reminder', language: 'en' });
    ctx.templates = undefined;
    const bare = await processItem(whatsapp, abandoned(), nothing);
    expect(bare.commit.outbound).toHaveLength(2);
  });

  it("a preview of the unsaved draft sees the first WhatsApp tenant's statuses, with the files' content (no pins), uncounted", async () => {
    templates.setStatus('demo', 'cart_reminder', 'en', 'disabled', 'marketing');
    const restart: InboxItem = { kind: 'control', action: 'restart', flowId: 'cart', draft: flow, receivedAt: Date.now() };
    const out = await processItem(preview, restart, nothing);
    expect(templates.gateCalls).toEqual([{ tenant: 'demo', pins: undefined }]);
    expect(out.commit.outbound.map((o) => o.nodeId)).toEqual(['sorry']);
    expect(await refusedCount()).not.toContain('parley_template_refused_total{');
  });
});
