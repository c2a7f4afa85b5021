/**
 * Template pins of file deploys and the templates a flow can send: a file deployed with
 * templates on records (and keeps) the versions of the templates it and its subflows send;
 * a session of that version reads them back; without templates nothing is pinned.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '@parley/flow';
import { expect, it } from 'vitest';
import type { ResolvedTenant } from '../config/types';
import { createLogger } from '../platform/logger';
import { createMemoryStores } from '../stores';
import { fakeTemplateService } from '../testing/fake-template-service';
import { FlowRegistry } from './registry';
import { templateSends, unapprovedTemplates } from './template-sends';

const base = { specVersion: '1.0.0', revision: 1, languages: ['en'] };
const child = {
  ...base,
  id: 'child',
  name: 'Child',
  start: 't',
  nodes: [
    { id: 't', type: 'template', name: 'order_update', language: 'en', values: {}, exits: { next: 'e' } },
    { id: 'e', type: 'end', exits: {} },
  ],
} as Flow;
const parent = {
  ...base,
  id: 'parent',
  name: 'Parent',
  start: 'a',
  nodes: [
    { id: 'a', type: 'template', name: 'cart_reminder', language: 'en', values: {}, exits: { next: 'b' } },
    { id: 'b', type: 'template', name: 'cart_reminder', language: 'es', values: {}, exits: { next: 'c' } },
    { id: 'c', type: 'subflow', flow: 'child', exits: { next: 'again' } },
    { id: 'again', type: 'subflow', flow: 'parent', exits: { next: 'e' } },
    { id: 'e', type: 'end', exits: {} },
  ],
} as Flow;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-pins-'));
  for (const f of [child, parent]) writeFileSync(join(dir, `${f.id}.flow.json`), JSON.stringify(f));
  const registry = new FlowRegistry({ dir, store: createMemoryStores().flowVersions, log: createLogger({ level: 'silent' }) });
  return registry;
}

it("lists the templates a flow and its subflows can send, each (name, language) once, recursion stopped", async () => {
  const flows: Record<string, Flow> = { child, parent };
  expect(await templateSends(parent, async (id) => flows[id] ?? null)).toEqual([
    { name: 'cart_reminder', language: 'en' },
    { name: 'cart_reminder', language: 'es' },
    { name: 'order_update', language: 'en' },
  ]);
});

it('names every send not approved for each WhatsApp tenant (never submitted: not_submitted)', async () => {
  const templates = fakeTemplateService();
  templates.setStatus('a', 'cart_reminder', 'en', 'approved');
  templates.setStatus('a', 'cart_reminder', 'es', 'rejected');
  const tenants: ResolvedTenant[] = [
    { id: 'a', channels: [{ type: 'whatsapp', phoneNumberId: '1' }] },
    { id: 'm', channels: [{ type: 'messenger', pageId: '1' }] },
  ];
  const sends = [
    { name: 'cart_reminder', language: 'en' },
    { name: 'cart_reminder', language: 'es' },
    { name: 'order_update', language: 'en' },
  ];
  expect(await unapprovedTemplates(templates, tenants, sends)).toEqual([
    { name: 'cart_reminder', language: 'es', status: 'rejected', tenant: 'a' },
    { name: 'order_update', language: 'en', status: 'not_submitted', tenant: 'a' },
  ]);
});

it('a file deploy with templates on pins what the flow can send and keeps it; the version answers its pins', async () => {
  const registry = setup();
  const templates = fakeTemplateService();
  registry.useTemplates(() => templates);
  await registry.loadAll();
  const live = await registry.live('parent');
  const pins = {
    cart_reminder: { en: 'hash-cart_reminder-en', es: 'hash-cart_reminder-es' },
    order_update: { en: 'hash-order_update-en' },
  };
  expect(await registry.templatePins('parent', live!.version)).toEqual(pins);
  expect(templates.kept).toContainEqual(pins);
  expect(await registry.templatePins('child', 1)).toEqual({ order_update: { en: 'hash-order_update-en' } });
});

it('without templates (or disabled) a file deploy pins nothing', async () => {
  const registry = setup();
  registry.useTemplates(() => fakeTemplateService({ enabled: false }));
  await registry.loadAll();
  expect(await registry.templatePins('parent', 1)).toBeUndefined();
});
