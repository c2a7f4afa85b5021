/**
 * The runtime's templates room end to end: a whole runtime on real Redis, the fake Graph API
 * storing templates and posting signed template webhooks to it. Submit through the admin API,
 * Meta's review switches (approve, pause, quality, category) → the status is stored at once,
 * alerted (ALERT log line + the alerts webhook) and streamed (SSE); a change made without a
 * webhook is found by the periodic pull; save is validated (422) and the API needs the token.
 */
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../runtime/src/platform/logger';
import { RuntimeTemplates } from '../../runtime/src/templates/runtime-templates';
import { TEST_ADMIN_TOKEN, TEST_PHONE_NUMBER_ID } from '../../runtime/src/testing/context';
import { startStack, type Stack } from './harness';

const WABA = '102290129340398';
const REPO_TEMPLATES = new URL('../../templates/', import.meta.url).pathname;

let stack: Stack;
let alerts: Server;
const alertBodies: Array<Record<string, unknown>> = [];
const logLines: string[] = [];
const templatesDir = mkdtempSync(join(tmpdir(), 'parley-it-templates-'));

beforeAll(async () => {
  copyFileSync(join(REPO_TEMPLATES, 'order_update.template.json'), join(templatesDir, 'order_update.template.json'));
  alerts = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      alertBodies.push(JSON.parse(body) as Record<string, unknown>);
      res.end();
    });
  });
  await new Promise<void>((resolve) => alerts.listen(0, '127.0.0.1', resolve));
  const address = alerts.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  stack = await startStack({
    templates: 'as-locked',
    config: {
      templatesDir,
      templates: { syncIntervalSec: 0 },
      alerts: { webhookUrl: `http://127.0.0.1:${port}/alerts` },
      tenants: [
        {
          id: 'demo',
          appSecretEnv: 'T_APP_SECRET',
          verifyTokenEnv: 'T_VERIFY_TOKEN',
          accessTokenEnv: 'T_ACCESS_TOKEN',
          appId: '1234567890',
          channels: [{ type: 'whatsapp', phoneNumberId: TEST_PHONE_NUMBER_ID, wabaId: WABA }],
        },
      ],
    },
  });
  // The alert's log line: the runtime's logger from here on writes into logLines.
  stack.ctx.log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise<void>((resolve) => alerts.close(() => resolve()));
});

interface Row {
  language: string;
  status: string;
  quality?: string;
  category?: string;
  changed: boolean;
  hash?: string;
  fileHash: string;
}

async function rows(name: string): Promise<Row[]> {
  const res = await stack.api('GET', `/api/templates/${name}`);
  expect(res.status).toBe(200);
  return res.body.summary.languages as Row[];
}

/** The template stream: every `event: template` data received so far. */
async function openEvents(): Promise<{ events: Array<Record<string, unknown>>; close(): Promise<void> }> {
  const controller = new AbortController();
  const res = await fetch(`${stack.runtime.url}/api/templates/events`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<Record<string, unknown>> = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = chunk.split('\n').find((l) => l.startsWith('data: '));
        if (chunk.startsWith('event: template') && data) events.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
      }
    }
  })();
  return {
    events,
    async close() {
      controller.abort();
      await pump;
    },
  };
}

describe('admin templates API', () => {
  it('needs the admin token', async () => {
    for (const [method, path] of [
      ['GET', '/api/templates'],
      ['GET', '/api/templates/order_update'],
      ['PUT', '/api/templates/order_update'],
      ['POST', '/api/templates/order_update/submit'],
      ['GET', '/api/templates/events'],
    ] as const) {
      const res = await fetch(`${stack.runtime.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lists the files with their state per language; a template never pushed is not_submitted and changed', async () => {
    const list = await stack.api('GET', '/api/templates');
    expect(list.status).toBe(200);
    expect(list.body.tenant).toBe('demo');
    const order = list.body.templates.find((t: { name: string }) => t.name === 'order_update');
    expect(order).toMatchObject({ category: 'utility', issues: [], parameters: { first_name: { type: 'text', optional: true } } });
    expect(order.languages.map((l: Row) => [l.language, l.status, l.changed])).toEqual([
      ['en', 'not_submitted', true],
      ['es', 'not_submitted', true],
    ]);
    expect((await stack.api('GET', '/api/templates/nope')).status).toBe(404);
    expect((await stack.api('GET', '/api/templates/Bad-Name')).body.error.code).toBe('bad_template_name');
    expect((await stack.api('GET', '/api/templates?tenant=ghost')).status).toBe(404);
  });

  it('save refuses an invalid template with 422 and its issues (nothing written), and writes a valid one', async () => {
    const bad = await stack.api('PUT', '/api/templates/promo_blast', {
      template: { name: 'promo_blast', category: 'marketing', languages: { en: { body: '{{deal}} starts now', footer: 'x'.repeat(61) } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_template');
    expect(bad.body.error.details.length).toBeGreaterThan(0);
    expect(bad.body.error.details[0]).toMatchObject({ severity: 'error', file: expect.stringContaining('promo_blast.template.json') });
    expect(existsSync(join(templatesDir, 'promo_blast.template.json'))).toBe(false);

    const template = {
      name: 'promo_blast',
      category: 'marketing',
      parameters: { first_name: { type: 'text', example: 'Maya', fallback: 'there' } },
      languages: { en: { body: 'Hello {{first_name}}, our spring sale starts today with new arrivals for you.' } },
    };
    const good = await stack.api('PUT', '/api/templates/promo_blast', { template });
    expect(good.status).toBe(200);
    expect(good.body.summary).toMatchObject({
      name: 'promo_blast',
      category: 'marketing',
      languages: [{ language: 'en', status: 'not_submitted' }],
    });
    expect(existsSync(join(templatesDir, 'promo_blast.template.json'))).toBe(true);
    expect((await stack.api('GET', '/api/templates/promo_blast')).body.template).toEqual(template);
  });
});

describe('status sync with Meta (the fake Graph API)', () => {
  it('submit creates the languages at Meta; webhooks update the status at once, alert, and stream', async () => {
    const submitted = await stack.api('POST', '/api/templates/order_update/submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.results.map((r: { language: string; action: string }) => [r.language, r.action])).toEqual([
      ['en', 'created'],
      ['es', 'created'],
    ]);
    expect(stack.graph.templates(WABA).map((t) => [t.name, t.language, t.status])).toEqual([
      ['order_update', 'en', 'PENDING'],
      ['order_update', 'es', 'PENDING'],
    ]);
    let en = (await rows('order_update')).find((r) => r.language === 'en')!;
    expect(en).toMatchObject({ status: 'pending', changed: false });
    expect(en.hash).toBe(en.fileHash);
    // Submitting again: nothing changed.
    const again = await stack.api('POST', '/api/templates/order_update/submit');
    expect(again.body.results.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged']);

    const stream = await openEvents();
    try {
      // Each switch posts the signed webhook and waits for the runtime's answer: the state is applied by then.
      await stack.graph.approveTemplate('order_update', 'en');
      en = (await rows('order_update')).find((r) => r.language === 'en')!;
      expect(en.status).toBe('approved');

      alertBodies.length = 0;
      await stack.graph.pauseTemplate('order_update', 'en');
      expect((await rows('order_update')).find((r) => r.language === 'en')?.status).toBe('paused');
      expect(await stack.ctx.templates?.blocked('demo', 'order_update', 'en')).toMatchObject({ status: 'paused' });
      await vi.waitFor(() => expect(alertBodies.map((b) => b.type)).toEqual(['template.paused']), { timeout: 10_000 });
      expect(alertBodies[0]).toMatchObject({ tenant: 'demo', template: 'order_update', language: 'en', status: 'paused' });
      expect(logLines.some((l) => l.includes('ALERT: template order_update (en) of tenant demo was paused by Meta'))).toBe(true);

      await stack.graph.setTemplateQuality('order_update', 'en', 'RED');
      await stack.graph.changeTemplateCategory('order_update', 'es', 'MARKETING');
      const after = await rows('order_update');
      expect(after.find((r) => r.language === 'en')?.quality).toBe('red');
      expect(after.find((r) => r.language === 'es')?.category).toBe('marketing');
      await vi.waitFor(() => expect(alertBodies.map((b) => b.type)).toEqual(['template.paused', 'template.quality', 'template.category']), {
        timeout: 10_000,
      });

      await vi.waitFor(
        () =>
          expect(stream.events.map((e) => [e.tenant, e.kind, e.name, e.language, e.status ?? e.quality ?? e.category])).toEqual([
            ['demo', 'status', 'order_update', 'en', 'approved'],
            ['demo', 'status', 'order_update', 'en', 'paused'],
            ['demo', 'quality', 'order_update', 'en', 'red'],
            ['demo', 'category', 'order_update', 'es', 'marketing'],
          ]),
        { timeout: 10_000 },
      );
    } finally {
      await stream.close();
    }
    const metrics = await (await fetch(`${stack.runtime.url}/metrics`)).text();
    expect(metrics).toMatch(/parley_template_status_changes_total\{status="paused"\} 1/);
  });

  it('the periodic pull picks up a change Meta made without a webhook', async () => {
    await stack.graph.reinstateTemplate('order_update', 'en', { webhook: false });
    expect((await rows('order_update')).find((r) => r.language === 'en')?.status).toBe('paused');
    const templates = stack.ctx.templates;
    expect(templates).toBeInstanceOf(RuntimeTemplates);
    // What the sync job runs every templates.syncIntervalSec, for each tenant. A pull dates its
    // changes a second before it asked, so it never undoes a webhook applied meanwhile: right after
    // the pause webhook above it may apply nothing yet; a pull a second later does.
    await vi.waitFor(async () => expect(await (templates as RuntimeTemplates).reconcile(stack.ctx.tenants[0]!)).toBeGreaterThanOrEqual(1), {
      timeout: 15_000,
      interval: 300,
    });
    expect((await rows('order_update')).find((r) => r.language === 'en')?.status).toBe('approved');
    expect(await stack.ctx.templates?.blocked('demo', 'order_update', 'en')).toBeNull();
    // Nothing left to apply.
    expect(await (templates as RuntimeTemplates).reconcile(stack.ctx.tenants[0]!)).toBe(0);
  });
});
