import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TemplateStatusEvent } from '@parley/contract';
import type { MetaTemplate } from '@parley/templates';
import { createLogger } from '../platform/logger';
import { createMetrics } from '../platform/metrics';
import { validateConfig } from '../config/load';
import { resolveConfig } from '../config/resolve';
import { createMemoryStores, type Stores } from '../stores';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import { RuntimeTemplates } from './runtime-templates';
import type { TemplateWriter } from './submit';

/** The design's example template (one language, an image header, a URL button with a suffix parameter). */
const CART = {
  name: 'cart_reminder',
  category: 'marketing',
  description: 'Abandoned cart, sent when the 24-hour window has closed',
  parameters: {
    first_name: { type: 'text', example: 'Maya', fallback: 'there', maxLength: 40 },
    item_count: { type: 'number', example: 2 },
    cart_total: { type: 'currency', example: { amount: 129.9, currency: 'USD' }, currency: 'USD' },
    product_image: { type: 'image', example: 'https://shop.example.com/img/sneakers.jpg' },
    cart_id: { type: 'text', example: 'abc123', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  },
  languages: {
    en: {
      header: { format: 'image', parameter: 'product_image' },
      body: 'Hi {{first_name}}, you left {{item_count}} items ({{cart_total}}) in your cart. Finish your order before they sell out.',
      footer: 'Reply STOP to opt out',
      buttons: [
        { type: 'url', text: 'Complete order', url: 'https://shop.example.com/cart/{{cart_id}}' },
        { type: 'quick_reply', text: 'Stop reminders', payload: 'stop_reminders' },
      ],
    },
  },
};
const cart = (): Record<string, unknown> => structuredClone(CART) as Record<string, unknown>;

const values = { first_name: 'Ana', item_count: 3, cart_total: 12.5, product_image: 'https://shop.example.com/a.jpg', cart_id: 'c1' };

/** The alerts webhook: a real HTTP server collecting what it is posted. */
let alertServer: Server;
let alertUrl = '';
const alertBodies: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  alertServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      alertBodies.push(JSON.parse(body) as Record<string, unknown>);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => alertServer.listen(0, '127.0.0.1', resolve));
  const address = alertServer.address();
  alertUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/alerts`;
});
afterAll(() => new Promise<void>((resolve) => alertServer.close(() => resolve())));

interface Built {
  service: RuntimeTemplates;
  dir: string;
  logLines: string[];
  metrics: ReturnType<typeof createMetrics>;
}

function build(stores: Stores, opts: { dir?: string; api?: TemplateWriter; cacheMs?: number; lock?: unknown } = {}): Built {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'parley-tpl-'));
  if (!opts.dir) writeFileSync(join(dir, 'cart_reminder.template.json'), JSON.stringify(cart()));
  if (opts.lock) writeFileSync(join(dir, 'templates.lock.json'), JSON.stringify(opts.lock));
  const { config } = resolveConfig(
    validateConfig({
      alerts: { webhookUrl: alertUrl },
      tenants: [{ id: 'demo', channels: [{ type: 'whatsapp', phoneNumberId: '106540352242922', wabaId: '5550001' }] }],
    }),
    { env: {}, baseDir: dir },
  );
  const logLines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const metrics = createMetrics();
  const service = new RuntimeTemplates({
    dir,
    baseDir: dir,
    stores,
    tenants: config.tenants,
    alerts: { config, log, fetch: globalThis.fetch, now: Date.now },
    metrics,
    api: () => opts.api ?? null,
    download: async () => ({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/jpeg' }),
    cacheMs: opts.cacheMs ?? 1000,
  });
  return { service, dir, logLines, metrics };
}

const event = (over: Partial<TemplateStatusEvent>): TemplateStatusEvent => ({
  kind: 'status',
  wabaId: '5550001',
  templateId: '901',
  name: 'cart_reminder',
  language: 'en',
  at: 1_700_000_000_000,
  ...over,
});

describe('RuntimeTemplates', () => {
  it('loads the files: valid ones parsed with a hash per language, invalid ones listed with their issues', async () => {
    const { service, dir } = build(createMemoryStores());
    writeFileSync(join(dir, 'broken.template.json'), '{"name": "broken", ');
    writeFileSync(join(dir, 'wrong_name.template.json'), JSON.stringify({ ...cart(), name: 'other' }));
    await service.load();
    expect(service.enabled()).toBe(true);
    const files = service.files();
    expect(files.map((f) => f.name)).toEqual(['broken', 'cart_reminder', 'wrong_name']);
    expect(files[0]?.issues[0]).toMatchObject({ severity: 'error', code: 'invalid-json', file: 'broken.template.json' });
    expect(files[2]?.template).toBeUndefined();
    expect(files[2]?.issues.map((i) => i.message).join()).toContain('expected "wrong_name", got "other"');
    expect(service.get('cart_reminder')?.category).toBe('marketing');
    expect(
      service.pinsFor([
        { name: 'cart_reminder', language: 'en' },
        { name: 'broken', language: 'en' },
      ]),
    ).toEqual({
      cart_reminder: { en: expect.stringMatching(/^[0-9a-f]{28}$/) },
    });
  });

  it('a missing folder is no templates: disabled, nothing listed', async () => {
    const { service } = build(createMemoryStores(), { dir: join(tmpdir(), 'parley-no-such-templates-dir') });
    await service.load();
    expect(service.enabled()).toBe(false);
    expect(service.files()).toEqual([]);
  });

  it('the lock is the starting point; an applied change overrides it, alerts once (log + webhook), counts, and notifies', async () => {
    const lock = { lockVersion: 1, tenants: { demo: { cart_reminder: { en: { status: 'approved', id: '901', quality: 'green' } } } } };
    const { service, logLines, metrics } = build(createMemoryStores(), { lock });
    await service.load();
    expect(await service.states('demo', 'cart_reminder')).toEqual({ en: { status: 'approved', id: '901', quality: 'green' } });
    const seen: Array<[string, TemplateStatusEvent]> = [];
    const off = service.onChange((tenant, e) => seen.push([tenant, e]));
    alertBodies.length = 0;
    const paused = event({ status: 'paused', reason: 'Low quality: too many blocks' });
    await service.apply('demo', paused);
    await service.apply('demo', { ...paused, at: paused.at + 5 });
    off();
    expect((await service.states('demo', 'cart_reminder')).en).toEqual({
      status: 'paused',
      id: '901',
      quality: 'green',
      reason: 'Low quality: too many blocks',
      updatedAt: paused.at,
    });
    expect(seen).toEqual([['demo', paused]]);
    expect(
      logLines.filter((l) => l.includes('ALERT: template cart_reminder (en) of tenant demo was paused by Meta: Low quality')),
    ).toHaveLength(1);
    expect(alertBodies).toEqual([
      expect.objectContaining({ type: 'template.paused', tenant: 'demo', template: 'cart_reminder', language: 'en', status: 'paused' }),
    ]);
    expect(await metrics.registry.getSingleMetricAsString('parley_template_status_changes_total')).toContain(
      'parley_template_status_changes_total{status="paused"} 1',
    );
    expect(await service.blocked('demo', 'cart_reminder', 'en')).toMatchObject({ status: 'paused' });

    // Approved again: the reason goes, nothing to alert; quality red and a category change alert.
    await service.apply('demo', event({ status: 'approved', reason: 'NONE' }));
    expect((await service.states('demo', 'cart_reminder')).en?.reason).toBeUndefined();
    expect(await service.blocked('demo', 'cart_reminder', 'en')).toBeNull();
    await service.apply('demo', event({ kind: 'quality', quality: 'red', previousQuality: 'green' }));
    await service.apply('demo', event({ kind: 'category', category: 'utility', previousCategory: 'marketing' }));
    expect(alertBodies.map((b) => b.type)).toEqual(['template.paused', 'template.quality', 'template.category']);
    expect(alertBodies[2]?.message).toBe('template cart_reminder (en) of tenant demo changed category from unknown to utility');
  });

  it('the gate renders approved templates with the language formats, and refuses what Meta does not let go', async () => {
    const { service } = build(createMemoryStores());
    await service.load();
    const hash = service.pinsFor([{ name: 'cart_reminder', language: 'en' }]).cart_reminder!.en!;
    let gate = await service.gate('demo', undefined);
    expect(gate.prepare({ name: 'cart_reminder', language: 'en', values })).toEqual({
      ok: false,
      reason: 'not_approved',
      detail: 'template cart_reminder (en) is not submitted, not approved',
    });
    expect(gate.prepare({ name: 'nope', language: 'en', values })).toMatchObject({ ok: false, reason: 'unknown_template' });
    expect(gate.prepare({ name: 'cart_reminder', language: 'de', values })).toMatchObject({ ok: false, reason: 'unknown_language' });

    await service.apply('demo', event({ status: 'approved' }));
    gate = await service.gate('demo', undefined);
    const sent = gate.prepare({ name: 'cart_reminder', language: 'en', values });
    expect(sent).toMatchObject({
      ok: true,
      message: { kind: 'template', name: 'cart_reminder', language: 'en', category: 'marketing', version: hash },
    });
    expect(sent.ok && sent.message.params.body).toContainEqual({ type: 'text', name: 'cart_total', text: '$12.50' });
    expect(gate.prepare({ name: 'cart_reminder', language: 'en', values: { ...values, product_image: undefined } })).toMatchObject({
      ok: false,
      reason: 'missing_parameter',
    });
    expect(gate.prepare({ name: 'cart_reminder', language: 'en', values: {}, positional: { body: ['a', 'b'] } })).toEqual({
      ok: true,
      message: {
        kind: 'template',
        name: 'cart_reminder',
        language: 'en',
        category: 'marketing',
        version: hash,
        params: { body: ['a', 'b'] },
      },
    });

    await service.apply('demo', event({ status: 'disabled', reason: 'policy' }));
    gate = await service.gate('demo', undefined);
    expect(gate.prepare({ name: 'cart_reminder', language: 'en', values })).toEqual({
      ok: false,
      reason: 'disabled',
      detail: 'template cart_reminder (en) is disabled by Meta: policy',
    });
  });

  it('a pinned version renders the content it was published against after the file changed', async () => {
    const stores = createMemoryStores();
    const first = build(stores);
    await first.service.load();
    const pins = first.service.pinsFor([{ name: 'cart_reminder', language: 'en' }]);
    await first.service.keepPins(pins);
    await first.service.apply('demo', event({ status: 'approved' }));
    // The file changes: the footer text (a new hash); a new process (no content in memory) serves both.
    const edited = cart() as { languages: { en: { footer: string } } };
    edited.languages.en.footer = 'Reply STOP to unsubscribe';
    const dir = mkdtempSync(join(tmpdir(), 'parley-tpl-'));
    writeFileSync(join(dir, 'cart_reminder.template.json'), JSON.stringify(edited));
    const second = build(stores, { dir });
    await second.service.load();
    const newHash = second.service.pinsFor([{ name: 'cart_reminder', language: 'en' }]).cart_reminder!.en!;
    expect(newHash).not.toBe(pins.cart_reminder!.en);
    const pinned = (await second.service.gate('demo', pins)).prepare({ name: 'cart_reminder', language: 'en', values });
    expect(pinned).toMatchObject({ ok: true, message: { version: pins.cart_reminder!.en } });
    const unpinned = (await second.service.gate('demo', undefined)).prepare({ name: 'cart_reminder', language: 'en', values });
    expect(unpinned).toMatchObject({ ok: true, message: { version: newHash } });
  });

  it('the periodic pull applies what a webhook missed, and marks a language Meta no longer lists as deleted', async () => {
    const remote: MetaTemplate[] = [
      {
        id: '901',
        name: 'cart_reminder',
        language: 'en',
        status: 'PAUSED',
        category: 'MARKETING',
        quality_score: { score: 'RED' },
        components: [],
      },
    ];
    const api: TemplateWriter = {
      list: async () => remote,
      create: async () => ({ id: 'x', status: 'pending' }),
      edit: async () => {},
      uploadMedia: async () => 'handle',
    };
    const { service } = build(createMemoryStores(), { api });
    await service.load();
    await service.apply('demo', event({ status: 'approved' }));
    alertBodies.length = 0;
    const tenant = { id: 'demo', channels: [{ type: 'whatsapp' as const, phoneNumberId: '106540352242922', wabaId: '5550001' }] };
    expect(await service.reconcile(tenant)).toBe(2);
    expect((await service.states('demo', 'cart_reminder')).en).toMatchObject({
      status: 'paused',
      quality: 'red',
      category: 'marketing',
      id: '901',
    });
    expect(alertBodies.map((b) => b.type).sort()).toEqual(['template.paused', 'template.quality']);
    expect(await service.reconcile(tenant)).toBe(0);
    remote.length = 0;
    expect(await service.reconcile(tenant)).toBe(1);
    expect((await service.states('demo', 'cart_reminder')).en?.status).toBe('deleted');
    // A webhook that lands while a pull is in flight is newer than the pull: the pull does not undo it.
    await service.apply('demo', event({ status: 'approved', at: Date.now() }));
    expect(await service.reconcile(tenant)).toBe(0);
    expect((await service.states('demo', 'cart_reminder')).en?.status).toBe('approved');
  });

  it('submit creates the languages Meta does not have, uploads the media example, and records the hash', async () => {
    const calls: string[] = [];
    const api: TemplateWriter = {
      list: async () => [],
      create: async (waba, body) => {
        calls.push(`create ${waba} ${String(body.name)}`);
        return { id: '777', status: 'pending', category: 'marketing' };
      },
      edit: async () => {},
      uploadMedia: async (appId, bytes, mime, fileName) => {
        calls.push(`upload ${appId} ${bytes.length} ${mime} ${fileName}`);
        return '4::aGFuZGxl';
      },
    };
    const { service } = build(createMemoryStores(), { api });
    await service.load();
    const tenant = {
      id: 'demo',
      appId: '123456',
      channels: [{ type: 'whatsapp' as const, phoneNumberId: '106540352242922', wabaId: '5550001' }],
    };
    const results = await service.submit(tenant, 'cart_reminder', api, '5550001');
    const hash = service.pinsFor([{ name: 'cart_reminder', language: 'en' }]).cart_reminder!.en!;
    expect(results).toEqual([
      { language: 'en', action: 'created', state: expect.objectContaining({ status: 'pending', id: '777', hash }) },
    ]);
    expect(calls).toEqual(['upload 123456 3 image/jpeg sneakers.jpg', 'create 5550001 cart_reminder']);
    // Nothing changed since: nothing to submit.
    expect((await service.submit(tenant, 'cart_reminder', api, '5550001'))[0]?.action).toBe('unchanged');
    // Without an app id the media example cannot be uploaded: that language fails with the reason.
    const other = build(createMemoryStores(), { api });
    await other.service.load();
    const noApp = await other.service.submit({ ...tenant, appId: undefined }, 'cart_reminder', api, '5550001');
    expect(noApp[0]).toMatchObject({ action: 'failed', error: expect.stringContaining('set tenants[].appId') });
  });
});

describe('RuntimeTemplates across processes (Redis)', () => {
  it("a change applied by one process is seen by another's gate, blocked() and listeners within the cache period", async () => {
    const storesA = await freshRedisStores();
    const storesB = storesA;
    const a = build(storesA, { cacheMs: 100 });
    const b = build(storesB, { dir: a.dir, cacheMs: 100 });
    await a.service.load();
    await b.service.load();
    try {
      await a.service.apply('demo', event({ status: 'approved' }));
      await vi.waitFor(async () => expect(await b.service.blocked('demo', 'cart_reminder', 'en')).toBeNull(), { timeout: 5000 });
      const seen: TemplateStatusEvent[] = [];
      const off = b.service.onChange((_tenant, e) => seen.push(e));
      // B reads the store once so its copy is current, then A pauses the template.
      await b.service.states('demo', 'cart_reminder');
      await a.service.apply('demo', event({ status: 'paused', reason: 'quality' }));
      await vi.waitFor(async () => expect(await b.service.blocked('demo', 'cart_reminder', 'en')).toMatchObject({ status: 'paused' }), {
        timeout: 5000,
      });
      await vi.waitFor(
        () => expect(seen).toContainEqual(expect.objectContaining({ kind: 'status', status: 'paused', name: 'cart_reminder' })),
        {
          timeout: 5000,
        },
      );
      off();
      const gate = await b.service.gate('demo', undefined);
      expect(gate.prepare({ name: 'cart_reminder', language: 'en', values })).toMatchObject({ ok: false, reason: 'paused' });
    } finally {
      a.service.close();
      b.service.close();
      await dropPrefix(storesA);
      await storesA.close();
    }
  });
});
