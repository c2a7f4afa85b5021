/**
 * `parley validate` and `parley test` with a templates/ folder next to the flows: template
 * nodes are checked against the files and the lock, and transcript tests render and refuse
 * templates like production. A scratch project per case, run in-process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const scratch = mkdtempSync(join(tmpdir(), 'parley-flow-templates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function parley(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color: false,
    interactive: false,
    stdin: Readable.from(['']),
    cwd,
    env: { PARLEY_NLU_VECTORS: '0' },
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

const orderUpdate = {
  name: 'order_update',
  category: 'utility',
  parameters: {
    first_name: { type: 'text', example: 'Maya', fallback: 'there' },
    order_total: { type: 'currency', example: { amount: 129.9, currency: 'USD' }, currency: 'USD' },
    order_id: { type: 'text', example: 'A1234' },
  },
  languages: {
    en: {
      body: 'Hi {{first_name}}, your order {{order_id}} of {{order_total}} is on its way. Reply if anything looks wrong.',
      buttons: [{ type: 'quick_reply', text: 'Track it', payload: 'track' }],
    },
  },
};

function flow(values: Record<string, string>, exits: Record<string, string | null> = { next: 'ask', failed: 'sorry' }) {
  return {
    id: 'shipping',
    name: 'Shipping',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'notify',
    variables: { total: { type: 'number', default: 42.5 }, order: { type: 'string', default: 'B777' }, answer: { type: 'string' } },
    nodes: [
      { id: 'notify', type: 'template', name: 'order_update', language: 'en', values, exits },
      { id: 'ask', type: 'ask', prompt: 'Anything else?', expect: 'text', saveAs: 'answer', exits: { next: 'route' } },
      {
        id: 'route',
        type: 'route',
        operand: '{{answer}}',
        cases: [{ id: 'track', test: { op: 'has_phrase', args: ['track'] } }],
        exits: { track: 'sorry', default: 'sorry' },
      },
      { id: 'sorry', type: 'message', text: 'We will email you instead.', exits: { next: null } },
    ],
  };
}

const goodValues = { first_name: '{{contact.name}}', order_total: '{{total}}', order_id: '{{order}}' };

/** A project: flows/shipping.flow.json (+ test), templates/order_update.template.json (+ lock). */
function project(options: { values?: Record<string, string>; lock?: Record<string, string>; tests?: unknown[] } = {}): string {
  const root = mkdtempSync(join(scratch, 'project-'));
  mkdirSync(join(root, 'flows'));
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'flows/shipping.flow.json'), JSON.stringify(flow(options.values ?? goodValues)));
  writeFileSync(join(root, 'templates/order_update.template.json'), JSON.stringify(orderUpdate));
  if (options.lock)
    writeFileSync(
      join(root, 'templates/templates.lock.json'),
      JSON.stringify({
        lockVersion: 1,
        tenants: { demo: { order_update: Object.fromEntries(Object.entries(options.lock).map(([l, status]) => [l, { status }])) } },
      }),
    );
  if (options.tests) writeFileSync(join(root, 'flows/shipping.test.json'), JSON.stringify({ flow: 'shipping', tests: options.tests }));
  return root;
}

describe('parley validate with templates/', () => {
  it('passes a node whose values fit its approved template', async () => {
    const run = await parley(['validate', 'flows'], project({ lock: { en: 'approved' } }));
    expect(run.stdout).toContain('1 flow checked: 0 errors, 0 warnings');
    expect(run.code).toBe(0);
  });

  it('reports missing, unknown and mistyped values, and a language not approved in the lock', async () => {
    const root = project({ values: { order_total: 'lots', coupon: 'X' }, lock: { en: 'pending' } });
    const run = await parley(['validate', 'flows', '--json'], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { issues: Array<{ code: string; path: string; severity: string }> };
    expect(report.issues.map((i) => `${i.severity} ${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining([
        'error template-parameter-missing /nodes/0/values',
        'error template-parameter-unknown /nodes/0/values/coupon',
        'error template-parameter-type /nodes/0/values/order_total',
        'warning template-not-approved /nodes/0/language',
      ]),
    );
  });

  it('reports a broken template file on that file, not as an unknown template', async () => {
    const root = project();
    writeFileSync(join(root, 'templates/order_update.template.json'), JSON.stringify({ ...orderUpdate, category: 'promo' }));
    const run = await parley(['validate', 'flows'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/templates\/order_update\.template\.json:\/category error/);
    expect(run.stdout).not.toContain('unknown-template');
    expect(run.stdout).not.toMatch(/is not a template in templates/);
  });

  it('--templates points at another folder; without one template nodes are not checked against files', async () => {
    const root = project({ values: { coupon: 'X' } });
    rmSync(join(root, 'templates'), { recursive: true });
    expect((await parley(['validate', 'flows'], root)).code).toBe(0);
    const other = join(root, 'elsewhere');
    mkdirSync(other);
    writeFileSync(join(other, 'order_update.template.json'), JSON.stringify(orderUpdate));
    const run = await parley(['validate', 'flows', '--templates', 'elsewhere'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("gives a value for 'coupon', which template 'order_update' does not have");
  });
});

describe('parley test with templates/', () => {
  const sent = { bot: { template: 'order_update' } };
  it('renders values with the template (formatted currency, fallbacks) and passes', async () => {
    // An event start: the window is closed, so only the template goes.
    const trigger = { kind: 'event', name: 'shipped' };
    const root = project({
      lock: { en: 'approved' },
      tests: [{ name: 'sent', trigger, turns: [sent, { bot: { text: 'Anything else?', dropped: 'window_closed' } }] }],
    });
    const run = await parley(['test', 'flows', '--verbose'], root);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.stdout).toContain('bot: [template order_update en: first_name=there, order_id=B777, order_total=$42.50, track]');
    expect(run.code).toBe(0);
  });

  it('refuses a template the lock says is paused, and the test override wins over the lock', async () => {
    const refused = { bot: { template: 'order_update', refused: 'paused' } };
    const root = project({
      lock: { en: 'paused' },
      tests: [
        { name: 'paused in the lock', turns: [refused, { bot: { text: 'We will email you instead.' } }, { expect: { ended: true } }] },
        { name: 'approved by the test', templates: { order_update: 'approved' }, turns: [sent, { bot: { text: 'Anything else?' } }] },
        { name: 'expects a send', turns: [sent] },
      ],
    });
    const run = await parley(['test', 'flows'], root);
    expect(run.stdout).toContain('2 passed, 1 failed');
    expect(run.stdout).toContain(
      'template "order_update" was refused (paused: order_update (en) is paused in templates/templates.lock.json (tenant demo))',
    );
    expect(run.stdout).toContain('+ bot: [template order_update refused: paused]');
  });

  it('a value the template cannot take is refused as invalid_parameter', async () => {
    const root = project({
      values: { ...goodValues, order_total: '{{order}}' },
      tests: [
        {
          name: 'bad total',
          turns: [{ bot: { template: 'order_update', refused: 'invalid_parameter' } }, { bot: { text: 'We will email you instead.' } }],
        },
      ],
    });
    const run = await parley(['test', 'flows'], root);
    expect(run.stdout).toContain('1 passed, 0 failed');
  });
});
