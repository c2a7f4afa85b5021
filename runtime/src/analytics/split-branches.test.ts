/**
 * A split node is reported per branch with no counter of its own: each branch is an exit, so the
 * worker's `exit:<node>:<branch>` counters and GET /api/analytics give the A/B numbers. Real
 * runtime (events → worker → commit → counters) on the memory store and on real Redis.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step, type Flow } from '@parley/flow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_ROLES } from '../app/roles';
import { startRuntime, type RunningRuntime } from '../app/runtime';
import type { Stores } from '../stores';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import { createMemoryStores } from '../stores/memory';
import { TEST_ADMIN_TOKEN, createTestContext } from '../testing/context';
import { waitFor } from '../testing/seed';

const flow: Flow = {
  id: 'ab-promo',
  name: 'A/B promo',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'copy_test',
  triggers: [{ type: 'event', event: 'promo.due' }],
  nodes: [
    {
      id: 'copy_test',
      type: 'split',
      branches: [
        { id: 'short', weight: 50 },
        { id: 'long', weight: 30 },
        { id: 'emoji', weight: 20 },
      ],
      exits: { short: 'done', long: 'done', emoji: 'done' },
    },
    { id: 'done', type: 'end', outcome: 'sent' },
  ],
};

const contacts = Array.from({ length: 60 }, (_, i) => `4917000${String(i).padStart(4, '0')}`);

/** The branch the engine gives a contact, read from its own record of the choice. */
function branchOf(contactId: string): string {
  const { snapshot } = step(flow, null, { type: 'start', contact: { id: contactId }, now: 0 });
  return (snapshot.variables.split as Record<string, string>).copy_test!;
}

describe.each([
  ['memory', async () => createMemoryStores()],
  ['redis', freshRedisStores],
] satisfies Array<[string, () => Promise<Stores>]>)('split counts per branch (%s)', (_, makeStores) => {
  let stores: Stores;
  let rt: RunningRuntime;

  beforeEach(async () => {
    stores = await makeStores();
    const ctx = createTestContext(stores);
    writeFileSync(join(ctx.flows.dir, `${flow.id}.flow.json`), JSON.stringify(flow));
    rt = await startRuntime(ctx, { roles: new Set(ALL_ROLES), port: 0, host: '127.0.0.1', watch: false });
  });
  afterEach(async () => {
    await rt.stop();
    await dropPrefix(stores);
    await stores.close();
  });

  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };

  it('GET /api/analytics gives each branch its exit count, matching the contacts the engine sent there', async () => {
    for (const id of contacts) expect((await api('POST', '/api/events/promo.due', { contact: { id } })).status).toBe(202);
    const expected: Record<string, number> = {};
    for (const id of contacts) expected[branchOf(id)] = (expected[branchOf(id)] ?? 0) + 1;
    // 60 contacts over 50/30/20: every branch gets some, so a wrong split or a lost counter shows.
    expect(Object.keys(expected).sort()).toEqual(['emoji', 'long', 'short']);

    type Report = { nodes: Record<string, { visits: number; exits: Record<string, number>; dropOff: number }>; starts: number };
    const report = await waitFor(
      'every session to pass the split',
      async () => {
        const res = (await api('GET', `/api/analytics/${flow.id}`)).body as Report;
        return res.nodes.done?.visits === contacts.length ? res : null;
      },
      20_000,
      50,
    );
    expect(report.starts).toBe(contacts.length);
    expect(report.nodes.copy_test).toEqual({ visits: contacts.length, exits: expected, dropOff: 0 });
  });
});
