import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordConsent } from '../consent/ledger';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { listFieldDefinitions, putFieldDefinitions } from './fields';
import {
  ContactInputError,
  findContact,
  getContact,
  listContacts,
  patchContact,
  setContactFields,
  upsertContact,
  upsertSeen,
} from './repository';

const T = 'demo';
const FIELDS = [
  { key: 'plan', label: 'Plan', type: 'choice' as const, choices: ['free', 'gold'] },
  { key: 'orders', label: 'Orders', type: 'number' as const },
  { key: 'birthday', label: 'Birthday', type: 'date' as const },
  { key: 'vip', label: 'VIP', type: 'boolean' as const },
  { key: 'note', label: 'Note', type: 'text' as const },
];

describe.each(TEST_DATABASES)('the contacts repository on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());
  beforeEach(async () => {
    await db.sql.exec('DELETE FROM contacts; DELETE FROM contact_fields');
  });

  it('creates contacts from messages in one batch and refreshes them without losing what is known', async () => {
    const first = await upsertSeen(
      db.sql,
      [
        { tenant: T, channel: 'whatsapp', address: '+5511912345678', at: 1000, name: 'Ana' },
        { tenant: T, channel: 'whatsapp', address: '+5511912345678', at: 3000 },
        { tenant: T, channel: 'whatsapp', address: '+5511912345678', at: 2000, inbound: false },
        { tenant: T, channel: 'messenger', address: '6543210987', at: 1500, language: 'es' },
        { tenant: 'other', channel: 'whatsapp', address: '+5511912345678', at: 1000 },
      ],
      5000,
    );
    expect(first).toHaveLength(3);
    expect(first.every((r) => r.created)).toBe(true);
    const ana = await findContact(db.sql, T, 'whatsapp', '+5511912345678');
    expect(ana).toMatchObject({
      name: 'Ana',
      timezone: 'America/Sao_Paulo',
      firstSeenAt: 1000,
      lastSeenAt: 3000,
      lastInboundAt: 3000,
      source: 'message',
      createdAt: 5000,
      tags: [],
      fields: {},
      consent: { marketing: { status: 'none' }, utility: { status: 'none' } },
    });
    expect(ana?.language).toBeUndefined();
    expect(await findContact(db.sql, T, 'messenger', '6543210987')).toMatchObject({ language: 'es' });
    expect((await findContact(db.sql, T, 'messenger', '6543210987'))?.timezone).toBeUndefined();

    await patchContact(db.sql, T, ana!.id, { name: 'Ana Souza', timezone: 'America/Manaus' }, 5500);
    const again = await upsertSeen(
      db.sql,
      [{ tenant: T, channel: 'whatsapp', address: '+5511912345678', at: 900, name: 'ana profile', language: 'pt_BR' }],
      6000,
    );
    expect(again).toEqual([{ id: ana!.id, tenant: T, channel: 'whatsapp', address: '+5511912345678', created: false }]);
    expect(await getContact(db.sql, T, ana!.id)).toMatchObject({
      name: 'Ana Souza',
      language: 'pt_BR',
      timezone: 'America/Manaus',
      firstSeenAt: 900,
      lastSeenAt: 3000,
      lastInboundAt: 3000,
      createdAt: 5000,
      updatedAt: 6000,
    });
  });

  it('creates and updates contacts from the API, normalizing the number and checking every value', async () => {
    await putFieldDefinitions(db.sql, T, FIELDS);
    const made = await upsertContact(
      db.sql,
      T,
      {
        channel: 'whatsapp',
        address: '(11) 91234-5678',
        name: ' Bia ',
        tags: ['vip', 'vip', ' news '],
        fields: { plan: 'Gold', orders: '3' },
      },
      100,
      'api',
      { defaultCountry: 'BR' },
    );
    expect(made.created).toBe(true);
    expect(made.contact).toMatchObject({
      address: '+5511912345678',
      name: 'Bia',
      tags: ['vip', 'news'],
      fields: { plan: 'gold', orders: 3 },
      timezone: 'America/Sao_Paulo',
      source: 'api',
    });
    const updated = await upsertContact(
      db.sql,
      T,
      { channel: 'whatsapp', address: '+55 11 91234 5678', fields: { vip: 'yes' } },
      200,
      'import',
    );
    expect(updated.created).toBe(false);
    expect(updated.contact).toMatchObject({
      id: made.contact.id,
      name: 'Bia',
      fields: { plan: 'gold', orders: 3, vip: true },
      source: 'api',
    });

    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: unknown) => (e instanceof ContactInputError ? e.message : String(e)),
      );
    const up = (body: Parameters<typeof upsertContact>[2]) => upsertContact(db.sql, T, body, 300, 'api');
    expect(await failure(up({ channel: 'whatsapp', address: '12' }))).toBe('address: "12" is too short');
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', fields: { plan: 'silver' } }))).toBe(
      'fields.plan: expected one of "free", "gold", got "silver"',
    );
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', fields: { birthday: '2024-02-30' } }))).toBe(
      'fields.birthday: expected a date YYYY-MM-DD that exists, got "2024-02-30"',
    );
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', fields: { orders: 'many' } }))).toBe(
      'fields.orders: expected a number, got "many"',
    );
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', fields: { shoe: 42 } }))).toBe(
      'fields.shoe: no custom field "shoe" is defined: defined fields are plan, orders, birthday, vip, note',
    );
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', timezone: 'Mars/Olympus' }))).toBe(
      'timezone: expected an IANA time zone like Europe/Madrid, got "Mars/Olympus"',
    );
    expect(await failure(up({ channel: 'whatsapp', address: '+14155552671', language: 'Portuguese!' }))).toMatch(
      /^language: expected a language code/,
    );
    expect(await findContact(db.sql, T, 'whatsapp', '+14155552671')).toBeNull();
  });

  it('patches a contact and answers null for an unknown or malformed id', async () => {
    await putFieldDefinitions(db.sql, T, FIELDS);
    const { contact } = await upsertContact(db.sql, T, { channel: 'messenger', address: '123456', fields: { note: 'hi' } }, 10, 'api');
    const patched = await patchContact(db.sql, T, contact.id, { tags: ['a'], fields: { birthday: '1990-05-17T00:00:00Z' } }, 20);
    expect(patched).toMatchObject({ tags: ['a'], fields: { note: 'hi', birthday: '1990-05-17' }, updatedAt: 20 });
    expect(await patchContact(db.sql, T, '00000000-0000-4000-8000-000000000000', { name: 'x' }, 30)).toBeNull();
    expect(await patchContact(db.sql, T, 'not-a-uuid', { name: 'x' }, 30)).toBeNull();
    expect(await getContact(db.sql, 'other', contact.id)).toBeNull();
  });

  it('joins the current consent state', async () => {
    const { contact } = await upsertContact(db.sql, T, { channel: 'whatsapp', address: '+14155552671' }, 10, 'api');
    await recordConsent(db.sql, {
      tenant: T,
      contactId: contact.id,
      purpose: 'marketing',
      action: 'opt_in',
      channel: 'whatsapp',
      source: 'api',
      wording: 'Yes, send me offers',
      recordedBy: 'tester',
      at: 50,
    });
    const read = await getContact(db.sql, T, contact.id);
    expect(read?.consent.marketing).toMatchObject({ status: 'opted_in', at: 50 });
    expect(typeof read?.consent.marketing.eventId).toBe('number');
    expect(read?.consent.utility).toEqual({ status: 'none' });
  });

  it('lists newest first in pages, searches by name, number and tag, and applies a compiled filter', async () => {
    for (let i = 0; i < 7; i++)
      await upsertContact(
        db.sql,
        T,
        { channel: 'whatsapp', address: `+3461234567${i}`, name: i === 3 ? 'Carmen 50%_off' : `Person ${i}`, tags: i % 2 ? ['odd'] : [] },
        1000 + i,
        'api',
      );
    await upsertContact(db.sql, 'other', { channel: 'whatsapp', address: '+34612345670', name: 'Person other' }, 5000, 'api');
    const first = await listContacts(db.sql, T, { limit: 3 });
    expect(first.total).toBe(7);
    expect(first.contacts.map((c) => c.name)).toEqual(['Person 6', 'Person 5', 'Person 4']);
    const second = await listContacts(db.sql, T, { limit: 3, cursor: first.nextCursor! });
    expect(second.contacts.map((c) => c.name)).toEqual(['Carmen 50%_off', 'Person 2', 'Person 1']);
    const third = await listContacts(db.sql, T, { limit: 3, cursor: second.nextCursor! });
    expect(third.contacts.map((c) => c.name)).toEqual(['Person 0']);
    expect(third.nextCursor).toBeUndefined();

    expect((await listContacts(db.sql, T, { q: 'carmen' })).contacts.map((c) => c.name)).toEqual(['Carmen 50%_off']);
    expect((await listContacts(db.sql, T, { q: '50%' })).total).toBe(1);
    expect((await listContacts(db.sql, T, { q: '%' })).total).toBe(1);
    expect((await listContacts(db.sql, T, { q: '612 345 675' })).contacts.map((c) => c.name)).toEqual(['Person 5']);
    expect((await listContacts(db.sql, T, { q: 'odd' })).total).toBe(3);
    const where = { sql: 'c.name LIKE $2 AND $3 = ANY(c.tags)', params: ['Person%', 'odd'] };
    const filtered = await listContacts(db.sql, T, { where, q: 'person', limit: 1 });
    expect(filtered.total).toBe(2);
    expect(filtered.contacts.map((c) => c.name)).toEqual(['Person 5']);
    expect(
      (await listContacts(db.sql, T, { where, q: 'person', limit: 1, cursor: filtered.nextCursor! })).contacts.map((c) => c.name),
    ).toEqual(['Person 1']);
    await expect(listContacts(db.sql, T, { cursor: 'garbage' })).rejects.toThrow('cursor: the nextCursor of a previous page');
  });

  it('saves what a flow sets, leaving out (and reporting) only the bad values, creating the contact when new', async () => {
    await putFieldDefinitions(db.sql, T, FIELDS);
    const result = await setContactFields(
      db.sql,
      T,
      'whatsapp',
      '+14155552671',
      { name: 'Dan', language: 'en', tags: 'vip; buyer', fields: { orders: '7', plan: 'platinum', favourite_colour: 'blue', unset: null } },
      77,
    );
    expect(result.problems).toEqual(['fields.plan: expected one of "free", "gold", got "platinum"']);
    const dan = await getContact(db.sql, T, result.id);
    expect(dan).toMatchObject({
      name: 'Dan',
      language: 'en',
      tags: ['vip', 'buyer'],
      fields: { orders: 7, favourite_colour: 'blue' },
      timezone: 'America/New_York',
      source: 'message',
    });
    const second = await setContactFields(db.sql, T, 'whatsapp', '+14155552671', { timezone: 'nowhere', fields: { vip: true } }, 88);
    expect(second).toEqual({ id: result.id, problems: ['timezone: expected an IANA time zone like Europe/Madrid, got "nowhere"'] });
    expect(await getContact(db.sql, T, result.id)).toMatchObject({
      timezone: 'America/New_York',
      fields: { orders: 7, vip: true },
      updatedAt: 88,
    });
  });

  it('keeps field definitions in order and refuses a bad set whole', async () => {
    expect(await putFieldDefinitions(db.sql, T, FIELDS)).toEqual(FIELDS);
    await expect(putFieldDefinitions(db.sql, T, [FIELDS[1]!, FIELDS[1]!])).rejects.toThrow('fields[1].key: "orders" is defined twice');
    await expect(putFieldDefinitions(db.sql, T, [{ key: 'size', label: 'Size', type: 'choice' }])).rejects.toThrow(
      'fields[0].choices: a choice field needs its list of choices',
    );
    expect(await listFieldDefinitions(db.sql, T)).toEqual(FIELDS);
    expect(await putFieldDefinitions(db.sql, T, [])).toEqual([]);
  });
});
