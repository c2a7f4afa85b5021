/**
 * `parley templates …` as people run it: the real CLI process (bin/parley.mjs) against the real
 * fake Graph API over HTTP. The lifecycle: validate → push (pending in the lock) → Meta approves →
 * status shows approved → an edit is pushed → pull imports a template only Meta has → push
 * --prune deletes it at Meta. Media header examples are downloaded from an HTTPS server and
 * uploaded through the app's resumable upload.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fake-graph';

const repoRoot = new URL('../../', import.meta.url).pathname;
const bin = join(repoRoot, 'packages/cli/bin/parley.mjs');
const WABA = '102290129340398';
const APP = '1234567890';
const TOKEN = 'EAAG-templates-cli-token';
const SPAWN_TIMEOUT = 120_000;

let dir: string;
let graph: FakeGraph;
let media: Server;
let caFile: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async spawn: the fake Graph API answers from this process, so the CLI must not block it. */
function parley(args: string[], env: Record<string, string | undefined> = { TPL_TOKEN: TOKEN }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'templates', ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      expect(stdout + stderr, 'the token was printed').not.toContain(TOKEN);
      resolve({ code, stdout, stderr });
    });
  });
}

function lock(): { tenants: Record<string, Record<string, Record<string, Record<string, unknown>>>> } {
  return JSON.parse(readFileSync(join(dir, 'templates/templates.lock.json'), 'utf8'));
}

function metaTemplates(): Array<{ name: string; language: string; status: string; id: string }> {
  return graph.templates(WABA).map((t) => ({ name: t.name, language: t.language, status: t.status, id: t.id }));
}

/** A self-signed certificate for 127.0.0.1, trusted by the CLI process through NODE_EXTRA_CA_CERTS. */
function certificate(folder: string): { key: string; cert: string } {
  const keyFile = join(folder, 'key.pem');
  caFile = join(folder, 'cert.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    caFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(caFile, 'utf8') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-templates-cli-'));
  const tls = certificate(dir);
  media = createServer(tls, (req, res) => {
    if (req.url === '/img/sneakers.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  const mediaUrl = `https://127.0.0.1:${(media.address() as AddressInfo).port}`;
  graph = await startFakeGraph({ appSecret: 'templates-cli-secret', accessToken: TOKEN });
  mkdirSync(join(dir, 'templates'));
  mkdirSync(join(dir, 'flows'));
  for (const name of ['order_update', 'appointment_reminder']) {
    copyFileSync(join(repoRoot, 'templates', `${name}.template.json`), join(dir, 'templates', `${name}.template.json`));
  }
  // The cart reminder's image example is served by the local HTTPS server, so its upload is real.
  const cart = JSON.parse(readFileSync(join(repoRoot, 'templates/cart_reminder.template.json'), 'utf8'));
  cart.parameters.product_image.example = `${mediaUrl}/img/sneakers.jpg`;
  writeFileSync(join(dir, 'templates/cart_reminder.template.json'), `${JSON.stringify(cart, null, 2)}\n`);
  writeFileSync(
    join(dir, 'parley.config.json'),
    JSON.stringify({
      flowsDir: 'flows',
      templatesDir: 'templates',
      admin: { tokenEnv: 'TPL_ADMIN_TOKEN', passwordEnv: 'TPL_ADMIN_PASSWORD' },
      graph: { baseUrl: graph.url, version: 'v23.0' },
      tenants: [
        {
          id: 'shop',
          accessTokenEnv: 'TPL_TOKEN',
          appId: APP,
          channels: [{ type: 'whatsapp', phoneNumberId: '106540352242922', wabaId: WABA }],
        },
      ],
    }),
  );
});

afterAll(async () => {
  await graph?.close();
  await new Promise((resolve) => media?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Each spawned CLI pays tsx's start-up (seconds on a loaded machine); a test spawns up to four.
describe('parley templates', { timeout: 240_000 }, () => {
  it('validate: the files and (absent) lock are fine', async () => {
    const run = await parley(['validate']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('3 templates checked: 0 errors');
    expect(run.code).toBe(0);
  });

  it('says clearly what is missing to reach Meta', async () => {
    const push = await parley(['push'], {});
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('cannot reach Meta: tenant shop: the access token variable TPL_TOKEN is not set');
    const status = await parley(['status'], {});
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('not refreshed: tenant shop: the access token variable TPL_TOKEN is not set');
    expect(status.stdout).toMatch(/order_update\s+en\s+not submitted/);
  });

  it('push --dry-run changes nothing', async () => {
    const run = await parley(['push', '--dry-run']);
    expect(run.stdout).toContain('dry run: would create 7, edit 0, delete 0');
    expect(run.code).toBe(0);
    expect(metaTemplates()).toEqual([]);
    expect(existsSync(join(dir, 'templates/templates.lock.json'))).toBe(false);
  });

  it('push creates every language, uploads the image example, and writes them pending to the lock', async () => {
    const run = await parley(['push']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created 7, edited 0, deleted 0');
    const atMeta = metaTemplates();
    expect(atMeta).toHaveLength(7);
    const entries = lock().tenants.shop!;
    for (const t of atMeta) {
      expect(entries[t.name]![t.language]).toMatchObject({ id: t.id, status: 'pending', hash: expect.any(String) });
    }
    const cart = graph.templates(WABA).find((t) => t.name === 'cart_reminder' && t.language === 'en')!;
    expect(JSON.stringify(cart.components)).toMatch(/header_handle/);
  });

  it('status shows what Meta approved and records it in the lock', async () => {
    await graph.approveTemplate('order_update', 'en', { webhook: false });
    await graph.setTemplateQuality('order_update', 'en', 'GREEN', { webhook: false });
    const run = await parley(['status', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.source).toContain(`Meta (WhatsApp Business Account ${WABA})`);
    expect(report.templates).toContainEqual(
      expect.objectContaining({ name: 'order_update', language: 'en', status: 'approved', quality: 'green', changed: 'no' }),
    );
    expect(report.templates).toContainEqual(expect.objectContaining({ name: 'order_update', language: 'es', status: 'pending' }));
    expect(lock().tenants.shop!.order_update!.en).toMatchObject({ status: 'approved', quality: 'green' });
  });

  it('an edited file: diff shows the change, push edits what Meta allows and skips what is still in review', async () => {
    const path = join(dir, 'templates/order_update.template.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    for (const language of ['en', 'es'])
      file.languages[language].footer = language === 'en' ? 'Questions? Just reply here' : 'Preguntas? Responde aquí';
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);

    const diff = await parley(['diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/~ changed\s+order_update \(en\)/);
    expect(diff.stdout).toContain('+   "footer": "Questions? Just reply here"');

    const push = await parley(['push', 'order_update']);
    expect(push.stdout).toMatch(/✓ edit\s+order_update \(en\)/);
    expect(push.stdout).toMatch(
      /skip\s+order_update \(es\): changed, but Meta allows edits only to approved, rejected or paused templates and this one is pending/,
    );
    expect(push.code).toBe(1);
    const edited = graph.templates(WABA).find((t) => t.name === 'order_update' && t.language === 'en')!;
    expect(JSON.stringify(edited.components)).toContain('Questions? Just reply here');
    expect(lock().tenants.shop!.order_update!.en!.hash).not.toBe(lock().tenants.shop!.order_update!.es!.hash);
  });

  it('pull imports a template that only Meta has, and it validates', async () => {
    graph.addTemplate(WABA, {
      name: 'spring_sale',
      language: 'en',
      category: 'MARKETING',
      status: 'APPROVED',
      parameterFormat: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Hello {{first_name}}, our spring sale starts today with fresh picks for the whole family.',
          example: { body_text_named_params: [{ param_name: 'first_name', example: 'Maya' }] },
        },
      ],
    });
    const diff = await parley(['diff']);
    expect(diff.stdout).toMatch(/\? remote-only\s+spring_sale \(en\)/);

    const pull = await parley(['pull']);
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain('imported spring_sale (en) → templates/spring_sale.template.json');
    const imported = JSON.parse(readFileSync(join(dir, 'templates/spring_sale.template.json'), 'utf8'));
    expect(imported).toMatchObject({
      name: 'spring_sale',
      category: 'marketing',
      parameters: { first_name: { type: 'text', example: 'Maya' } },
    });
    expect(lock().tenants.shop!.spring_sale!.en).toMatchObject({ status: 'approved', hash: expect.any(String) });
    expect((await parley(['validate'])).code).toBe(0);
  });

  it('a template removed from git stays at Meta until push --prune deletes it', async () => {
    rmSync(join(dir, 'templates/spring_sale.template.json'));
    const keep = await parley(['push', 'spring_sale']);
    expect(keep.stdout).toContain('not deleted without --prune');
    expect(metaTemplates().some((t) => t.name === 'spring_sale')).toBe(true);

    const prune = await parley(['push', 'spring_sale', '--prune']);
    expect(prune.stderr).toBe('');
    expect(prune.code).toBe(0);
    expect(prune.stdout).toMatch(/✓ delete\s+spring_sale \(en\)/);
    expect(metaTemplates().some((t) => t.name === 'spring_sale')).toBe(false);
    expect(lock().tenants.shop!.spring_sale).toBeUndefined();
    expect(metaTemplates().filter((t) => t.name === 'order_update')).toHaveLength(2);
  });

  it('dry-run renders what a flow sends on sample sessions and pathological values, and names what Meta would reject', async () => {
    const flow = JSON.parse(readFileSync(join(repoRoot, 'flows/order-status.flow.json'), 'utf8')) as { specVersion: string };
    writeFileSync(
      join(dir, 'flows/shipping.flow.json'),
      JSON.stringify({
        id: 'shipping',
        name: 'Shipping notice',
        specVersion: flow.specVersion,
        revision: 1,
        languages: ['en'],
        start: 'notify',
        variables: {
          order_id: { type: 'string', default: '123456' },
          carrier: { type: 'string', default: 'DHL' },
          eta: { type: 'string', default: '2026-03-14' },
        },
        nodes: [
          {
            id: 'notify',
            type: 'template',
            name: 'order_update',
            language: 'es',
            values: {
              first_name: '{{contact.name}}',
              order_id: '{{order_id}}',
              carrier: '{{carrier}}',
              eta: '{{eta}}',
              tracking_code: 'JD{{order_id}}',
            },
            exits: { next: 'done' },
          },
          { id: 'done', type: 'end' },
        ],
      }),
    );
    writeFileSync(join(dir, 'good.jsonl'), '{"order_id":"778899","carrier":"UPS","contact":{"name":"Ana"}}\n');
    const good = await parley(['dry-run', 'flows/shipping.flow.json', '--samples', 'good.jsonl']);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('order_update (es) — sent by shipping/notify');
    expect(good.stdout).toContain('Hola Ana, tu pedido 778899 salió con UPS');
    expect(good.code).toBe(0);

    writeFileSync(
      join(dir, 'bad.jsonl'),
      '{"order_id":"778899","carrier":"UPS\\nExpress","label":"x"}\n{"variables":{"order_id":"12","carrier":"DHL"},"label":"short id"}\n',
    );
    const bad = await parley(['dry-run', 'flows/shipping.flow.json', '--samples', 'bad.jsonl', '--json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    const samples = report.templates[0].samples.filter((s: { source: string }) => s.source === 'sample');
    expect(samples.map((s: { ok: boolean }) => s.ok)).toEqual([false, false]);
    expect(JSON.stringify(samples[0].problems)).toMatch(/carrier/);
    expect(samples[1].label).toContain('short id');
    expect(JSON.stringify(samples[1].problems)).toMatch(/order_id/);
    expect(report.templates[0].samples.some((s: { source: string }) => s.source === 'pathological')).toBe(true);
  });
});
