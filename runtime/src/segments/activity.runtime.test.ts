/**
 * A whole runtime (real Redis, PostgreSQL, the fake Graph API signing webhooks like Meta): a person
 * starts a flow by keyword and answers with a button; the worker's post-commit subscribers create
 * the contact and record what they did, and segments find them by it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wa } from '../../../test/fake-graph';
import { startStack, type Stack } from '../../../test/integration/harness';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { waitFor } from '../testing/seed';

const USER = '491700000901';
let db: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  db = await openTestDatabase('postgres');
  stack = await startStack({ store: 'redis', db: db.sql, fixtures: ['pin-parent.flow.json', 'pin-child.flow.json'] });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

interface Row {
  kind: string;
  flow_id: string | null;
  node_id: string | null;
  value: string | null;
}

const activity = async (): Promise<Row[]> =>
  (
    await db.sql.query<Row>(
      `SELECT a.kind, a.flow_id, a.node_id, a.value FROM contact_activity a JOIN contacts c ON c.tenant = a.tenant AND c.id = a.contact_id
       WHERE c.address = $1 ORDER BY a.id`,
      [`+${USER}`],
    )
  ).rows;

it('records messages, the flow entered, the nodes reached and the button, and segments find the person by them', async () => {
  await stack.graph.postInbound(USER, 'pinparent');
  await waitFor('the question', () => stack.graph.textsTo(USER).length === 1);
  await stack.graph.postInbound(USER, wa.buttonReply('blue', 'Blue'));
  await waitFor('the end', () => stack.graph.textsTo(USER).length === 3);
  expect(stack.graph.textsTo(USER)).toEqual(['Child v1 question?', 'Child v1 thanks', 'Parent got Blue']);

  await waitFor('the activity rows', async () => (await activity()).some((r) => r.kind === 'button_clicked'), 5000, 50);
  const rows = await activity();
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  expect(of('message_received')).toHaveLength(2);
  expect(of('flow_entered')).toEqual([{ kind: 'flow_entered', flow_id: 'pin-parent', node_id: null, value: null }]);
  // Subflow nodes are credited to the session's flow, as the analytics counters do.
  expect(of('node_reached').map((r) => `${r.flow_id}/${r.node_id}`)).toEqual(
    expect.arrayContaining(['pin-parent/call', 'pin-parent/q', 'pin-parent/thanks', 'pin-parent/report']),
  );
  expect(of('button_clicked')).toEqual([{ kind: 'button_clicked', flow_id: null, node_id: null, value: 'Blue' }]);

  const count = async (filter: unknown) => (await stack.api('POST', '/api/segments/preview', { filter, sample: 0 })).body.count as number;
  expect(await count({ match: 'all', conditions: [{ activity: 'flow_entered', flow: 'pin-parent', withinDays: 1 }] })).toBe(1);
  expect(await count({ match: 'all', conditions: [{ activity: 'node_reached', flow: 'pin-parent', node: 'report' }] })).toBe(1);
  expect(await count({ match: 'all', conditions: [{ activity: 'button_clicked', button: 'Blue' }] })).toBe(1);
  expect(await count({ match: 'all', conditions: [{ activity: 'button_clicked', button: 'Blue', negate: true }] })).toBe(0);
}, 30_000);
