/**
 * The flow list's contract (docs/admin-api.md "Flow list"): hasUnpublishedChanges, calledBy,
 * duplicate, rename, unpublish and delete with their 409s — on a running runtime and Redis.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Listed = { id: string; name: string; publishedVersion: number | null; hasUnpublishedChanges: boolean; calledBy: string[] };
async function listed(id: string): Promise<Listed | undefined> {
  return (await stack.api('GET', '/api/flows')).body.find((f: Listed) => f.id === id);
}
const exists = (name: string) => existsSync(join(stack.flowsDir, name));

describe('flow list', () => {
  it('shows callers and whether the draft differs from what is live', async () => {
    expect(await listed('order-status')).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false, calledBy: ['support-faq'] });
    expect((await listed('support-faq'))?.calledBy).toEqual([]);
  });

  it('duplicate makes a draft copy (flow, layout, tests), not live; 409 flow_exists; 400 on a bad id', async () => {
    const copy = await stack.api('POST', '/api/flows/order-status/duplicate', { id: 'order-status-b', name: 'Order status B' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ id: 'order-status-b', revision: expect.stringMatching(/^1:/) });
    expect(await listed('order-status-b')).toMatchObject({ name: 'Order status B', publishedVersion: null, hasUnpublishedChanges: true });
    expect(exists('order-status-b.layout.json') && exists('order-status-b.test.json')).toBe(true);
    expect((await stack.api('GET', '/api/flows/order-status-b')).body.flow).toMatchObject({ id: 'order-status-b', revision: 1 });
    const again = await stack.api('POST', '/api/flows/order-status/duplicate', { id: 'order-status-b' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('flow_exists');
    const bad = await stack.api('POST', '/api/flows/order-status/duplicate', { id: '../escape' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad_flow_id', message: expect.stringContaining('new id "../escape"') });
    expect((await stack.api('POST', '/api/flows/nope/duplicate', { id: 'nope-b' })).status).toBe(404);
  });

  it('rename changes the display name in the draft only; publishing shows it', async () => {
    const renamed = await stack.api('POST', '/api/flows/lead-qualification/rename', { name: 'Leads' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: 'lead-qualification', name: 'Leads' });
    expect(await listed('lead-qualification')).toMatchObject({ name: 'Leads', publishedVersion: 1, hasUnpublishedChanges: true });
    expect((await stack.ctx.flows.live('lead-qualification'))?.flow.name).not.toBe('Leads');
    expect((await stack.api('POST', '/api/flows/lead-qualification/rename', { name: ' ' })).status).toBe(400);
    expect((await stack.api('POST', '/api/flows/lead-qualification/publish', { summary: 'renamed' })).body).toEqual({ version: 2 });
    expect(await listed('lead-qualification')).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false });
  });

  it('unpublish stops new conversations and shows in the history; delete refuses live and called flows', async () => {
    const live = await stack.api('DELETE', '/api/flows/order-status');
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe('flow_live');

    const un = await stack.api('POST', '/api/flows/order-status/unpublish');
    expect(un.status).toBe(200);
    expect(un.body).toEqual({ id: 'order-status', publishedVersion: null, previousVersion: 1 });
    expect(await listed('order-status')).toMatchObject({ publishedVersion: null });
    stack.ctx.flows.forget('order-status');
    expect(await stack.ctx.flows.live('order-status')).toBeNull();
    const history = (await stack.api('GET', '/api/flows/order-status/versions')).body;
    expect(history[0]).toMatchObject({ version: 2, unpublished: true, live: false, publishedBy: 'admin' });
    expect(history[1]).toMatchObject({ version: 1, unpublished: false, live: false });
    expect((await stack.api('POST', '/api/flows/order-status/rollback', { version: 2 })).status).toBe(400);
    expect((await stack.api('GET', '/api/flows/order-status/versions/abc')).status).toBe(400);

    const used = await stack.api('DELETE', '/api/flows/order-status');
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ error: { code: 'flow_in_use' }, calledBy: ['support-faq'] });

    // A draft nobody calls: deleted with its files; its versions stay.
    expect((await stack.api('POST', '/api/flows/order-status-b/publish', { summary: 'b' })).status).toBe(200);
    expect((await stack.api('DELETE', '/api/flows/order-status-b')).status).toBe(409);
    expect((await stack.api('POST', '/api/flows/order-status-b/unpublish')).status).toBe(200);
    const deleted = await stack.api('DELETE', '/api/flows/order-status-b');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true });
    expect(exists('order-status-b.flow.json') || exists('order-status-b.layout.json') || exists('order-status-b.test.json')).toBe(false);
    expect(await listed('order-status-b')).toBeUndefined();
    expect((await stack.api('GET', '/api/flows/order-status-b/versions/1')).status).toBe(200);
  });
});
