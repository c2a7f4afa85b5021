/**
 * Save vs publish vs hot reload, and layout-only saves (docs/admin-api.md "Save, publish and
 * hot reload"): a studio save writes draft files only; publish makes them live; a change
 * made outside the runtime to a flow without a studio draft goes live by itself; moving a node
 * leaves the flow file alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { openSimulatorStream, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fixtures: ['timer-demo.flow.json'] });
});
afterAll(async () => stack?.stop());

const file = (id: string, kind: 'flow' | 'layout') => join(stack.flowsDir, `${id}.${kind}.json`);
const read = (id: string, kind: 'flow' | 'layout') => readFileSync(file(id, kind), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What new conversations start on, as this process sees it (bypassing the 500 ms cache). */
async function live(id: string) {
  stack.ctx.flows.forget(id);
  return stack.ctx.flows.live(id);
}

describe('layout-only saves', () => {
  it('moving a node writes only the layout file; the flow file stays byte-identical', async () => {
    const flowBefore = read('order-status', 'flow');
    const layoutBefore = read('order-status', 'layout');
    const draft = await stack.api('GET', '/api/flows/order-status');
    const layout = structuredClone(draft.body.layout);
    layout.positions.lookup = { x: layout.positions.lookup.x + 40, y: layout.positions.lookup.y + 25 };
    // What the studio sends: its own copy of the flow (keys in another order) with revision = the token.
    const { nodes, ...rest } = draft.body.flow;
    const saved = await stack.api('PUT', '/api/flows/order-status', {
      flow: { nodes, ...rest, revision: draft.body.revision },
      layout,
      baseRevision: draft.body.revision,
    });
    expect(saved.status).toBe(200);
    expect(read('order-status', 'flow')).toBe(flowBefore);
    expect(read('order-status', 'layout')).not.toBe(layoutBefore);
    expect(JSON.parse(read('order-status', 'layout')).positions.lookup).toEqual(layout.positions.lookup);
    // Same flow revision, new token: the layout is part of what a save is based on.
    expect(saved.body.revision.split(':')[0]).toBe(draft.body.revision.split(':')[0]);
    expect(saved.body.revision).not.toBe(draft.body.revision);
    expect((await stack.api('GET', '/api/flows/order-status')).body.revision).toBe(saved.body.revision);

    // Saving over that layout change from the older token is refused, even with a logic change.
    const renamed = { ...draft.body.flow, name: 'Order status (stale tab)' };
    const stale = await stack.api('PUT', '/api/flows/order-status', {
      flow: renamed,
      layout: draft.body.layout,
      baseRevision: draft.body.revision,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.layout.positions.lookup).toEqual(layout.positions.lookup);
    expect(read('order-status', 'flow')).toBe(flowBefore);

    // A layout edited by hand on disk changes the token too.
    const handEdited = JSON.parse(read('order-status', 'layout')) as { positions: Record<string, { x: number; y: number }> };
    handEdited.positions.lookup = { x: handEdited.positions.lookup!.x + 5, y: handEdited.positions.lookup!.y + 5 };
    writeFileSync(file('order-status', 'layout'), `${JSON.stringify(handEdited, null, 2)}\n`);
    const afterHandEdit = await stack.api('PUT', '/api/flows/order-status', {
      flow: draft.body.flow,
      layout,
      baseRevision: saved.body.revision,
    });
    expect(afterHandEdit.status).toBe(409);

    // A logic change bumps the flow's revision by one.
    const fresh = await stack.api('GET', '/api/flows/order-status');
    const changed = await stack.api('PUT', '/api/flows/order-status', {
      flow: renamed,
      layout: fresh.body.layout,
      baseRevision: fresh.body.revision,
    });
    expect(changed.status).toBe(200);
    expect(JSON.parse(read('order-status', 'flow'))).toMatchObject({
      name: 'Order status (stale tab)',
      revision: draft.body.flow.revision + 1,
    });
  });
});

describe('save, publish and hot reload', () => {
  it('a studio save is a draft: no version, not live, until it is published', async () => {
    const versionsBefore = (await stack.api('GET', '/api/flows/timer-demo/versions')).body.length;
    const liveBefore = await live('timer-demo');
    expect(liveBefore?.flow.nodes.find((n) => n.id === 'late')).toMatchObject({ text: 'Too slow!' });
    const draft = await stack.api('GET', '/api/flows/timer-demo');
    const flow = {
      ...draft.body.flow,
      nodes: draft.body.flow.nodes.map((n: { id: string }) => (n.id === 'late' ? { ...n, text: 'Still there?' } : n)),
    };
    const saved = await stack.api('PUT', '/api/flows/timer-demo', { flow, layout: null, baseRevision: draft.body.revision });
    expect(saved.status).toBe(200);
    expect(read('timer-demo', 'flow')).toContain('Still there?');
    // Well past the watcher's debounce and the live cache: still the old version.
    await sleep(1200);
    expect((await stack.api('GET', '/api/flows/timer-demo/versions')).body.length).toBe(versionsBefore);
    expect((await live('timer-demo'))?.version).toBe(liveBefore?.version);
    const listed = (await stack.api('GET', '/api/flows')).body.find((f: { id: string }) => f.id === 'timer-demo');
    expect(listed.publishedVersion).toBe(liveBefore?.version);

    const published = await stack.api('POST', '/api/flows/timer-demo/publish', { summary: 'gentler timeout' });
    expect(published.status).toBe(200);
    const now = await live('timer-demo');
    expect(now?.version).toBe(published.body.version);
    expect(now?.flow.nodes.find((n) => n.id === 'late')).toMatchObject({ text: 'Still there?' });
    expect((await stack.api('GET', '/api/flows/timer-demo/versions')).body.length).toBe(versionsBefore + 1);
  });

  it('a change made outside the runtime (git pull, an editor) is live within a second', async () => {
    const before = await live('support-faq');
    const text = read('support-faq', 'flow').replace('"name": "Support FAQ"', '"name": "Support FAQ (pulled)"');
    const t0 = Date.now();
    writeFileSync(file('support-faq', 'flow'), text);
    const after = await waitFor(
      'the external change is live',
      async () => {
        const l = await live('support-faq');
        return l?.flow.name === 'Support FAQ (pulled)' ? l : null;
      },
      1000,
    );
    expect(after.version).toBeGreaterThan(before!.version);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('an outside edit of a flow with an unpublished studio draft stays a draft (it would publish the draft too)', async () => {
    const draft = await stack.api('GET', '/api/flows/support-faq');
    const saved = await stack.api('PUT', '/api/flows/support-faq', {
      flow: { ...draft.body.flow, name: 'Support FAQ (draft)' },
      layout: null,
      baseRevision: draft.body.revision,
    });
    expect(saved.status).toBe(200);
    writeFileSync(
      file('support-faq', 'flow'),
      read('support-faq', 'flow').replace('"name": "Support FAQ (draft)"', '"name": "Support FAQ (edited)"'),
    );
    await waitFor(
      'the edit is loaded',
      async () =>
        (await stack.api('GET', '/api/flows')).body.find((f: { id: string }) => f.id === 'support-faq')?.name === 'Support FAQ (edited)',
      1000,
    );
    await sleep(600);
    expect((await live('support-faq'))?.flow.name).toBe('Support FAQ (pulled)');
    expect((await stack.api('GET', '/api/flows')).body.find((f: { id: string }) => f.id === 'support-faq')).toMatchObject({
      hasUnpublishedChanges: true,
    });
    // Publishing is the way out.
    expect((await stack.api('POST', '/api/flows/support-faq/publish', { summary: 'edited' })).status).toBe(200);
    expect((await live('support-faq'))?.flow.name).toBe('Support FAQ (edited)');
  });
});

describe('simulator restart', () => {
  it('restarts a conversation that has already ended', async () => {
    const created = await stack.api('POST', '/api/simulator/sessions', { flowId: 'order-status' });
    const sid = created.body.sessionId as string;
    const stream = await openSimulatorStream(stack, sid);
    try {
      await waitFor('first prompt', () => stream.events.some((e) => e.type === 'bot'));
      expect((await stack.api('POST', `/api/simulator/sessions/${sid}/timeout`)).status).toBe(202);
      await waitFor('conversation ended', () => stream.events.some((e) => e.type === 'state' && e.status === 'ended'));
      const seen = stream.events.length;
      expect((await stack.api('POST', `/api/simulator/sessions/${sid}/restart`)).status).toBe(202);
      const fresh = await waitFor('the flow starts again', () => stream.events.slice(seen).find((e) => e.type === 'bot'));
      expect(fresh.message?.text).toMatch(/order number/);
      await waitFor('waiting again', () => stream.events.slice(seen).some((e) => e.type === 'state' && e.status === 'waiting'));
    } finally {
      await stream.close();
    }
  });
});
