/**
 * Contact sync through the whole runtime: signed webhooks from the fake Graph API → ingress →
 * real Redis → worker → post-commit → contacts in PostgreSQL / PGlite. A flow's set node saves
 * to the contact the same way. Previews are not contacts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineSnapshot, Flow } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../../test/fake-graph';
import { ALL_ROLES } from '../app/roles';
import { startRuntime, type RunningRuntime } from '../app/runtime';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { conversationId, type ConversationId } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import type { PostCommitEvent } from '../worker/post-commit';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import type { Stores } from '../stores';
import { createTestContext, TEST_ACCESS_TOKEN, TEST_APP_SECRET, testConfig } from '../testing/context';
import { waitFor } from '../testing/seed';
import { putFieldDefinitions } from './fields';
import { findContact } from './repository';
import { createContactSync } from './sync';
import { WriteQueue } from './write-queue';

const flow: Flow = {
  id: 'plans',
  name: 'Plans',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en', 'es'],
  start: 'pick',
  triggers: [{ type: 'keyword', keywords: ['plans', 'planes'] }],
  nodes: [
    {
      id: 'pick',
      type: 'message',
      text: { en: 'Which plan?', es: '¿Qué plan?' },
      buttons: [
        { id: 'gold', title: 'Gold' },
        { id: 'free', title: 'Free' },
      ],
      exits: { gold: 'save', free: 'save' },
    },
    {
      id: 'save',
      type: 'set',
      assign: [
        { variable: 'contact.plan', value: '{{input.text}}' },
        { variable: 'contact.orders', value: '{{ 1 + 1 }}' },
        { variable: 'contact.tags', value: 'customer, {{input.text}}' },
        { variable: 'contact.timezone', value: 'Not/AZone' },
      ],
      exits: { next: 'done' },
    },
    { id: 'done', type: 'message', text: 'Saved', exits: { next: null } },
  ],
};

describe.each(TEST_DATABASES)('contact sync on %s (real Redis, fake Graph API)', (kind) => {
  let db: TestDatabase;
  let stores: Stores;
  let ctx: RuntimeContext;
  let rt: RunningRuntime;
  let graph: FakeGraph;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await putFieldDefinitions(db.sql, 'demo', [
      { key: 'plan', label: 'Plan', type: 'choice', choices: ['gold', 'free'] },
      { key: 'orders', label: 'Orders', type: 'number' },
    ]);
    stores = await freshRedisStores();
    ctx = createTestContext(stores, { db: db.sql, config: testConfig({ send: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 5 } }) });
    writeFileSync(join(ctx.flows.dir, `${flow.id}.flow.json`), JSON.stringify(flow));
    rt = await startRuntime(ctx, { roles: new Set(ALL_ROLES), port: 0, host: '127.0.0.1', watch: false });
    graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN, webhookUrl: `${rt.url}/webhooks/whatsapp` });
    ctx.config.graph.baseUrl = graph.url;
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
    await graph?.close();
    if (stores) {
      await dropPrefix(stores);
      await stores.close();
    }
    await db?.drop();
  });

  it('creates the contact on the first message and keeps it current; a flow saves to it, bad values left out', async () => {
    const sent = Math.floor(Date.now() / 1000) - 5;
    await graph.postInbound('5511912345678', 'hola, quiero ver los planes por favor', { name: 'Ana', timestamp: sent });
    const ana = await waitFor('the contact row', () => findContact(db.sql, 'demo', 'whatsapp', '+5511912345678'), 10_000, 50);
    expect(ana).toMatchObject({
      name: 'Ana',
      timezone: 'America/Sao_Paulo',
      language: 'es',
      source: 'message',
      firstSeenAt: sent * 1000,
      lastInboundAt: sent * 1000,
      consent: { marketing: { status: 'none' } },
    });
    await graph.waitForSends('5511912345678', 1);

    await graph.postInbound('5511912345678', {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'gold', title: 'Gold' } },
    });
    const saved = await waitFor(
      'the saved fields',
      async () => {
        const c = await findContact(db.sql, 'demo', 'whatsapp', '+5511912345678');
        return c?.fields.plan ? c : null;
      },
      10_000,
      50,
    );
    expect(saved).toMatchObject({
      id: ana.id,
      fields: { plan: 'gold', orders: 2 },
      tags: ['customer', 'Gold'],
      timezone: 'America/Sao_Paulo',
    });
    expect(saved.lastInboundAt).toBeGreaterThan(ana.lastInboundAt!);
    expect(saved.firstSeenAt).toBe(ana.firstSeenAt);
  });

  it('records a Messenger contact by its page-scoped id and never a preview', async () => {
    await graph.postMessenger('7012345678901234', [{ message: { mid: 'm.1', text: 'hello' } }], { url: `${rt.url}/webhooks/messenger` });
    const m = await waitFor('the Messenger contact', () => findContact(db.sql, 'demo', 'messenger', '7012345678901234'), 10_000, 50);
    expect(m).toMatchObject({ channel: 'messenger', source: 'message' });
    expect(m.timezone).toBeUndefined();
    const { rows } = await db.sql.query<{ channel: string }>('SELECT DISTINCT channel FROM contacts');
    expect(rows.map((r) => r.channel).sort()).toEqual(['messenger', 'whatsapp']);
  });
});

describe.each(TEST_DATABASES)('the contact sync subscriber on %s', (kind) => {
  it('records people, never previews, and takes the language only from what understanding detected', async () => {
    const db = await openTestDatabase(kind);
    try {
      const sync = createContactSync({ log: pino({ level: 'silent' }), now: () => 5000 }, db.sql);
      const stepped = (conversation: ConversationId, language: string, detected?: string): PostCommitEvent => ({
        type: 'engine.stepped',
        conversation,
        snapshot: { language } as EngineSnapshot,
        errors: [],
        handoffs: [],
        refusals: [],
        visited: [],
        outbound: 0,
        ...(detected ? { understanding: { language: detected } as Understanding } : {}),
      });
      const received = (conversation: ConversationId, at: number): PostCommitEvent => ({
        type: 'message.received',
        conversation,
        contact: { id: 'x', name: 'Zé' },
        message: { kind: 'text', text: 'oi' },
        at,
      });
      const pt = conversationId('demo', 'whatsapp', '5511912345678');
      const en = conversationId('demo', 'whatsapp', '14155552671');
      const preview = conversationId('sim', 'simulator', 'session-1');
      sync.subscriber(received(pt, 1000));
      sync.subscriber(stepped(pt, 'pt_BR', 'pt'));
      sync.subscriber(received(en, 1100));
      sync.subscriber(stepped(en, 'en'));
      sync.subscriber(received(preview, 1200));
      sync.subscriber(stepped(preview, 'en', 'en'));
      await sync.flush();
      const { rows } = await db.sql.query<{ address: string; language: string | null; name: string }>(
        'SELECT address, language, name FROM contacts ORDER BY address',
      );
      expect(rows).toEqual([
        { address: '+14155552671', language: null, name: 'Zé' },
        { address: '+5511912345678', language: 'pt_BR', name: 'Zé' },
      ]);
      expect(sync.seen.failedRows).toBe(0);
    } finally {
      await db.drop();
    }
  });
});

describe('the write queue', () => {
  it('writes in batches of maxRows, counts failed rows without throwing, and keeps order', async () => {
    const written: number[][] = [];
    const queue = new WriteQueue<number>({
      name: 't',
      log: pino({ level: 'silent' }),
      maxRows: 3,
      intervalMs: 10_000,
      write: async (batch) => {
        if (batch.includes(4)) throw new Error('database down');
        written.push(batch);
      },
    });
    for (let i = 1; i <= 7; i++) queue.push(i);
    await queue.flush();
    expect(written).toEqual([[1, 2, 3], [7]]);
    expect(queue.failedRows).toBe(3);
    expect(queue.writtenRows).toBe(4);
  });

  it('flushes on its own after the interval', async () => {
    const written: number[] = [];
    const queue = new WriteQueue<number>({
      name: 't',
      log: pino({ level: 'silent' }),
      intervalMs: 20,
      write: async (b) => void written.push(...b),
    });
    queue.push(1);
    queue.push(2);
    expect(written).toEqual([]);
    await waitFor('the timed flush', () => written.length === 2 || null, 2000, 5);
  });
});
