/**
 * The example templates in templates/ through the whole Graph path, with each side written
 * independently: @parley/templates builds the create bodies (toMetaCreate) and renders the sends,
 * the runtime's TemplateApi uploads media and submits, @parley/channels builds the send requests,
 * and the fake Graph API checks every one the way Meta does — then lists them back for fromMeta,
 * whose content hashes must equal the files'.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSendRequests } from '@parley/channels';
import {
  compileRenderer,
  exampleValues,
  fromMeta,
  languageHash,
  toMetaCreate,
  validateTemplate,
  type TemplateFile,
} from '@parley/templates';
import { createTemplateApi } from '../../runtime/src/templates/graph-api';
import { startFakeGraph, type FakeGraph } from './server';
import { DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID } from './payloads';
import { graphCall } from './templates/test-receiver';

const DIR = join(__dirname, '../../templates');
const files: TemplateFile[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.template.json'))
  .sort()
  .map((f) => {
    const { template, issues } = validateTemplate(JSON.parse(readFileSync(join(DIR, f), 'utf8')), f);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    return template!;
  });

const MEDIA_MIME = { image: 'image/jpeg', video: 'video/mp4', document: 'application/pdf' } as const;
let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({ appSecret: 's', strictTemplates: true });
});
afterAll(() => graph.close());

describe('example templates through the fake Graph API', () => {
  it('has the five example templates', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it('submits every language with toMetaCreate (media examples uploaded first), sends the rendered examples, and pulls back the same content', async () => {
    const api = createTemplateApi({ baseUrl: graph.url, version: 'v21.0', accessToken: 'test-token' });
    for (const t of files) {
      for (const language of Object.keys(t.languages)) {
        const header = t.languages[language]!.header;
        const headerHandles: Record<string, string> = {};
        if (header && 'parameter' in header && header.format in MEDIA_MIME) {
          const mime = MEDIA_MIME[header.format as keyof typeof MEDIA_MIME];
          headerHandles[header.parameter as string] = await api.uploadMedia('5550001', new Uint8Array(64).fill(1), mime, `${t.name}.bin`);
        }
        const created = await api.create(DEFAULT_WABA_ID, toMetaCreate(t, language, { headerHandles }));
        expect(created.status, `${t.name} ${language}`).toBe('pending');
        await graph.approveTemplate(t.name, language, { webhook: false });

        const rendered = compileRenderer(t, language).render(exampleValues(t));
        expect(rendered.ok, `${t.name} ${language}: ${JSON.stringify(rendered)}`).toBe(true);
        if (!rendered.ok) continue;
        const [request] = buildSendRequests(
          'whatsapp',
          '16505551234',
          { kind: 'template', name: t.name, language, params: rendered.params },
          { senderId: DEFAULT_PHONE_NUMBER_ID },
        );
        const sent = await graphCall(graph.url, 'POST', `/v21.0${request!.path}`, { body: request!.body });
        expect(sent.status, `${t.name} ${language}: ${JSON.stringify(sent.json)}`).toBe(200);
      }
    }

    const pulled = fromMeta(await api.list(DEFAULT_WABA_ID));
    expect(pulled.map((p) => p.template.name)).toEqual(files.map((t) => t.name).sort());
    for (const t of files) {
      const back = pulled.find((p) => p.template.name === t.name)!;
      for (const language of Object.keys(t.languages)) {
        expect(back.states[language], `${t.name} ${language}`).toMatchObject({ status: 'approved', hash: languageHash(t, language) });
      }
    }
  });
});
