/**
 * Opt-out without any flow doing it: STOP words, an opt-out quick reply and Meta's preference,
 * through the worker's item processor (memory stores) with the ledger on both databases.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateFile } from '@parley/templates';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversationId, type ConversationState, type InboxItem } from '../conversation';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import type { RuntimeContext } from '../platform/context';
import { createMemoryStores } from '../stores';
import { createTestContext, testConfig, TEST_PHONE_NUMBER_ID } from '../testing/context';
import { fakeTemplateService } from '../testing/fake-template-service';
import type { ProcessOutcome } from '../worker/outcome';
import { createItemProcessor, type ItemProcessor } from '../worker/process';
import { Understanders } from '../worker/understanding';
import { consentEvents, consentOf } from './ledger';

const root = join(import.meta.dirname, '../../..');
const cartReminder = JSON.parse(readFileSync(join(root, 'templates/cart_reminder.template.json'), 'utf8')) as TemplateFile;
const greeter = {
  id: 'greeter',
  name: 'Greeter',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['es', 'en'],
  start: 'hi',
  variables: { topic: { type: 'string' } },
  nodes: [
    { id: 'hi', type: 'ask', prompt: 'Hola, ¿en qué te ayudo?', expect: 'text', saveAs: 'topic', exits: { next: 'done', invalid: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};
function greeterConfig(): Record<string, unknown> {
  const config = testConfig();
  (config.tenants as Array<Record<string, unknown>>)[0]!.defaultFlow = 'greeter';
  return config;
}
const nothing: ConversationState = { session: null, contact: null, timers: {} };

let n = 0;
const text = (body: string, from: string): InboxItem => ({
  kind: 'message',
  id: `wamid.${++n}`,
  receivedAt: Date.now(),
  via: TEST_PHONE_NUMBER_ID,
  contact: { id: from, name: 'Ana', phone: from },
  message: { kind: 'text', text: body },
});
const texts = (out: ProcessOutcome) => out.commit.outbound.map((o) => (o.message.kind === 'text' ? o.message.text : o.message.kind));

describe.each(TEST_DATABASES)('consent from what people do, on %s', (kind) => {
  let db: TestDatabase;
  let ctx: RuntimeContext;
  let processItem: ItemProcessor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());
  beforeEach(async () => {
    ctx = createTestContext(createMemoryStores(), { db: db.sql, config: greeterConfig() });
    writeFileSync(join(ctx.flows.dir, 'greeter.flow.json'), JSON.stringify(greeter));
    await ctx.flows.loadAll();
    ctx.templates = fakeTemplateService({ files: [cartReminder] });
    processItem = createItemProcessor(ctx, new Understanders(ctx));
  });

  const contactId = async (digits: string) =>
    (await db.sql.query<{ id: string }>('SELECT id FROM contacts WHERE address = $1', [`+${digits}`])).rows[0]?.id;

  it('STOP (any case, accents, punctuation) opts out once, confirms once, and the flow never sees it', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000001');
    const first = await processItem(conv, text('  ¡Baja! ', '5491100000001'), nothing);
    expect(texts(first)).toEqual([expect.stringContaining('te diste de baja')]);
    expect(first.commit.outbound[0]).toMatchObject({ lane: 0, key: expect.stringMatching(/^consent:wamid\./) });
    expect(first.commit.session).toBeUndefined();
    const id = (await contactId('5491100000001'))!;
    expect((await consentOf(db.sql, 'demo', id)).marketing.status).toBe('opted_out');
    const again = await processItem(conv, text('STOP', '5491100000001'), nothing);
    expect(texts(again)).toEqual([]);
    expect(again.commit.session).toBeUndefined();
    const events = await consentEvents(db.sql, 'demo', id);
    expect(events.map((e) => [e.action, e.source, e.wording, e.recordedBy])).toEqual([
      ['opt_out', 'keyword', 'STOP', 'runtime'],
      ['opt_out', 'keyword', '¡Baja!', 'runtime'],
    ]);
  });

  it('a message that merely contains a STOP word goes to the flow', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000002');
    const out = await processItem(conv, text('please stop the order', '5491100000002'), nothing);
    expect(texts(out)).toEqual(['Hola, ¿en qué te ayudo?']);
    expect(await contactId('5491100000002')).toBeUndefined();
  });

  it('START opts back in someone who opted out, and is an ordinary message for anyone else', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000003');
    const fresh = await processItem(conv, text('start', '5491100000003'), nothing);
    expect(texts(fresh)).toEqual(['Hola, ¿en qué te ayudo?']);
    await processItem(conv, text('unsubscribe', '5491100000003'), nothing);
    const back = await processItem(conv, text('START', '5491100000003'), nothing);
    expect(texts(back)).toEqual([expect.stringContaining('subscribed again')]);
    expect((await consentOf(db.sql, 'demo', (await contactId('5491100000003'))!)).marketing.status).toBe('opted_in');
  });

  it('a built-in word of a language no flow uses is not a keyword (German ABMELDEN for a Spanish/English tenant)', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000004');
    expect(texts(await processItem(conv, text('abmelden', '5491100000004'), nothing))).toEqual(['Hola, ¿en qué te ayudo?']);
  });

  it('the template quick reply marked optOut opts out, with the template and button as the source', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000005');
    const tap: InboxItem = {
      ...(text('', '5491100000005') as Extract<InboxItem, { kind: 'message' }>),
      message: { kind: 'button', choiceId: 'stop_reminders', text: 'No más avisos' },
    };
    const out = await processItem(conv, tap, nothing);
    expect(texts(out)).toHaveLength(1);
    const [event] = await consentEvents(db.sql, 'demo', (await contactId('5491100000005'))!);
    expect(event).toMatchObject({
      action: 'opt_out',
      source: 'button',
      sourceDetail: { button: 'No más avisos', payload: 'stop_reminders', template: 'cart_reminder' },
    });
  });

  it('while an agent has the conversation, STOP is still recorded and the desk transcript shows it', async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000006');
    const started = await processItem(conv, text('hola', '5491100000006'), nothing);
    const session = { ...started.commit.session!, desk: { since: Date.now(), by: 'agent' as const } };
    const out = await processItem(conv, text('STOP', '5491100000006'), { ...nothing, session });
    expect(out.commit.desk?.log?.map((e) => [e.from, e.text])).toEqual([
      ['user', 'STOP'],
      ['system', 'The contact opted out of marketing.'],
    ]);
    expect(texts(out)).toHaveLength(1);
  });

  it("Meta's marketing preference (stop, then resume) is recorded with Meta's time and confirmed once each", async () => {
    const conv = conversationId('demo', 'whatsapp', '5491100000007');
    const pref = (value: 'stop' | 'resume', at: number): InboxItem => ({
      kind: 'preference',
      id: `5491100000007:${value}:${at}`,
      value,
      detail: `User requested to ${value} marketing messages`,
      contact: { id: '5491100000007', name: 'Ana' },
      via: TEST_PHONE_NUMBER_ID,
      at,
      receivedAt: Date.now(),
    });
    expect(texts(await processItem(conv, pref('stop', 1_700_000_000_000), nothing))).toHaveLength(1);
    expect(texts(await processItem(conv, pref('stop', 1_700_000_000_500), nothing))).toEqual([]);
    expect(texts(await processItem(conv, pref('resume', 1_700_000_001_000), nothing))).toHaveLength(1);
    const id = (await contactId('5491100000007'))!;
    expect((await consentOf(db.sql, 'demo', id)).marketing).toMatchObject({ status: 'opted_in', at: 1_700_000_001_000 });
    expect((await consentEvents(db.sql, 'demo', id))[0]).toMatchObject({ source: 'meta', sourceDetail: { value: 'resume' } });
  });

  it('without a database the message goes to the flow as before', async () => {
    const plain = createTestContext(createMemoryStores(), { config: greeterConfig() });
    writeFileSync(join(plain.flows.dir, 'greeter.flow.json'), JSON.stringify(greeter));
    await plain.flows.loadAll();
    const out = await createItemProcessor(plain, new Understanders(plain))(
      conversationId('demo', 'whatsapp', '5491100000008'),
      text('STOP', '5491100000008'),
      nothing,
    );
    expect(texts(out)).toEqual(['Hola, ¿en qué te ayudo?']);
  });
});
