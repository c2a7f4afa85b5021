/**
 * What is live is what was published (issue #9, items 1 and 4), in ONE running runtime, on
 * in-memory stores and on Redis: a flow created through the API is found by event and keyword
 * triggers, GET /api/flows and /readyz as soon as it is published — not before; a `parley new`
 * scaffold appearing while the runtime runs is not live; an in-memory restart publishes no
 * draft.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNew } from '../../packages/cli/src/commands/new';
import type { Io } from '../../packages/cli/src/io';
import { wa } from '../fake-graph';
import { ALL_ROLES } from '../../runtime/src/app/roles';
import { startRuntime } from '../../runtime/src/app/runtime';
import { createMemoryStores } from '../../runtime/src/stores';
import { TEST_ADMIN_TOKEN, createTestContext, testConfig } from '../../runtime/src/testing/context';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack, type StackStore } from './harness';
import { asConversationId } from '../../runtime/src/conversation';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function promoFlow(id: string, event: string, keyword: string) {
  return {
    id,
    name: `Promo ${id}`,
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'hello',
    triggers: [
      { type: 'event', event },
      { type: 'keyword', keywords: [keyword] },
    ],
    nodes: [
      { id: 'hello', type: 'message', text: `Hello from ${id}`, exits: { next: 'done' } },
      { id: 'done', type: 'end', outcome: 'completed' },
    ],
  };
}

type Listed = { id: string; publishedVersion: number | null; hasUnpublishedChanges: boolean };
async function listed(stack: Stack, id: string): Promise<Listed | undefined> {
  return (await stack.api('GET', '/api/flows')).body.find((f: Listed) => f.id === id);
}
async function readyCount(url: string): Promise<number> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { flows: { loaded: number } }).flows.loaded;
}

describe.each<StackStore>(['memory', 'redis'])('create → publish → live, one runtime (%s)', (store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ store });
  });
  afterAll(async () => stack?.stop());

  it('a created flow is a draft until published, then every trigger, the list and /readyz see it at once', async () => {
    const id = `promo-${store}`;
    const loadedBefore = await readyCount(stack.runtime.url);
    const created = await stack.api('POST', '/api/flows', { flow: promoFlow(id, `promo.${store}`, `zebra${store}`), layout: null });
    expect(created.status).toBe(201);
    await sleep(300); // past the watcher's debounce: the watcher must not publish the draft either
    expect(await listed(stack, id)).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true });
    const from = store === 'memory' ? '491700000201' : '491700000202';
    expect((await stack.api('POST', `/api/events/promo.${store}`, { contact: { id: from, channel: 'whatsapp' }, params: {} })).status).toBe(
      404,
    );
    expect((await stack.api('GET', `/api/flows/${id}/versions`)).body).toEqual([]);

    const published = await stack.api('POST', `/api/flows/${id}/publish`, { summary: 'first' });
    expect(published.body).toEqual({ version: 1 });
    expect(await listed(stack, id)).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
    expect(await readyCount(stack.runtime.url)).toBe(loadedBefore + 1);
    expect((await stack.api('GET', `/api/flows/${id}/versions`)).body).toMatchObject([
      { version: 1, summary: 'first', live: true, unpublished: false },
    ]);

    // Event trigger: inside the 24-hour window (a photo opens it) the flow speaks.
    await stack.graph.postInbound(from, wa.image());
    await waitFor(
      'inbound processed',
      async () => (await stack.ctx.stores.conversations.load(asConversationId(`demo:whatsapp:${from}`))).contact?.lastInboundAt,
    );
    const event = await stack.api('POST', `/api/events/promo.${store}`, { contact: { id: from, channel: 'whatsapp' }, params: {} });
    expect(event.status).toBe(202);
    expect(event.body.flows).toEqual([id]);
    await waitFor('event flow spoke', () => stack.graph.textsTo(from).includes(`Hello from ${id}`));

    // Keyword trigger, from another contact.
    const other = store === 'memory' ? '491700000203' : '491700000204';
    await stack.graph.postInbound(other, `zebra${store}`);
    await waitFor('keyword flow spoke', () => stack.graph.textsTo(other).includes(`Hello from ${id}`));
  });

  it('a parley-new scaffold written while the runtime runs is listed but not live', async () => {
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      color: false,
      interactive: false,
      stdin: process.stdin,
      cwd: stack.flowsDir,
      env: {},
    } as Io;
    expect(await runNew(['welcome-tour', '--dir', stack.flowsDir], io)).toBe(0);
    const seen = await waitFor('the watcher loaded the scaffold', async () => listed(stack, 'welcome-tour'));
    await sleep(200);
    expect(seen).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true });
    expect(await listed(stack, 'welcome-tour')).toMatchObject({ publishedVersion: null });
    expect((await stack.api('GET', '/api/flows/welcome-tour/versions')).body).toEqual([]);
    expect(await stack.ctx.flows.live('welcome-tour')).toBeNull();
    // Published from the studio, it is live like any other flow.
    expect((await stack.api('POST', '/api/flows/welcome-tour/publish', { summary: 'go' })).body).toEqual({ version: 1 });
    expect(existsSync(join(stack.flowsDir, '.drafts', 'welcome-tour'))).toBe(false);
    expect(await listed(stack, 'welcome-tour')).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
  });
});

describe('a publish made by another process', () => {
  it("counts in /readyz at once (the probe asks the store, not this process's cache)", async () => {
    const stack = await startStack({ store: 'redis' });
    try {
      const id = 'elsewhere';
      expect((await stack.api('POST', '/api/flows', { flow: promoFlow(id, 'promo.elsewhere', 'yak'), layout: null })).status).toBe(201);
      await sleep(300);
      const loadedBefore = await readyCount(stack.runtime.url);
      // Another process's publish: straight into the shared store, this process's registry not told.
      const flow = (await stack.api('GET', `/api/flows/${id}`)).body.flow;
      await stack.ctx.stores.flowVersions.publish({
        flowId: id,
        publishedAt: Date.now(),
        publishedBy: 'other-process',
        summary: 'elsewhere',
        revision: 1,
        hash: 'h-elsewhere',
        flow,
      });
      expect(await readyCount(stack.runtime.url)).toBe(loadedBefore + 1);
    } finally {
      await stack.stop();
    }
  });
});

describe('in-memory restart', () => {
  it('publishes the deployed files again but no draft; the list says so', async () => {
    const stack = await startStack({ store: 'memory' });
    const draftId = 'draft-only';
    try {
      expect(
        (await stack.api('POST', '/api/flows', { flow: promoFlow(draftId, 'draft.only', 'draftonlyword'), layout: null })).status,
      ).toBe(201);
      // A live flow with an unpublished studio save on top.
      const current = await stack.api('GET', '/api/flows/order-status');
      const saved = await stack.api('PUT', '/api/flows/order-status', {
        flow: { ...current.body.flow, name: 'Order status (draft)' },
        layout: null,
        baseRevision: current.body.revision,
      });
      expect(saved.status).toBe(200);
    } finally {
      await stack.runtime.stop();
    }
    // The same folder, a new process on empty in-memory stores.
    const ctx = createTestContext(createMemoryStores(), { flowsDir: stack.flowsDir, config: testConfig() });
    const runtime = await startRuntime(ctx, { roles: new Set(ALL_ROLES), port: 0, host: '127.0.0.1', watch: false });
    try {
      const list = (await (
        await fetch(`${runtime.url}/api/flows`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
      ).json()) as Listed[];
      const byId = new Map(list.map((f) => [f.id, f]));
      expect(byId.get(draftId)).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true });
      expect(byId.get('order-status')).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true });
      expect(byId.get('support-faq')).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
      expect(await ctx.flows.live(draftId)).toBeNull();
      expect(await readyCount(runtime.url)).toBe(list.filter((f) => f.publishedVersion !== null).length);
    } finally {
      await runtime.stop();
      await stack.graph.close();
    }
  });
});
