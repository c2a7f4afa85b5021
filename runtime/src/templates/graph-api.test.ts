/**
 * The template management client against the real HTTP fake Graph API (test/fake-graph): paging,
 * create/edit/delete, the resumable upload (with a dropped connection resumed), Meta's errors with
 * code/subcode/fbtrace_id, timeouts, and the token never showing up in an error or a URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../../test/fake-graph';
import { DEFAULT_WABA_ID } from '../../../test/fake-graph/payloads';
import { createTemplateApi, GraphApiError, type TemplateApiOptions } from './graph-api';

const TOKEN = 'EAAG-secret-token-123';
const WABA = DEFAULT_WABA_ID;
const APP = '5550001';

const body = (name: string, language = 'en') => ({
  name,
  language,
  category: 'UTILITY',
  parameter_format: 'NAMED',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{first_name}}, your order is on its way.',
      example: { body_text_named_params: [{ param_name: 'first_name', example: 'Maya' }] },
    },
  ],
});

let graph: FakeGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function setup(extra: Partial<TemplateApiOptions> = {}, fake: Partial<Parameters<typeof startFakeGraph>[0]> = {}) {
  graph = await startFakeGraph({ appSecret: 's', accessToken: TOKEN, ...fake });
  const urls: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  const api = createTemplateApi({ baseUrl: graph.url, version: 'v21.0', accessToken: TOKEN, fetch: recordingFetch, ...extra });
  return { api, urls, graph };
}

async function failure(p: Promise<unknown>): Promise<GraphApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphApiError);
  const g = err as GraphApiError;
  expect(`${g.message} ${JSON.stringify(g.details)}`).not.toContain(TOKEN);
  return g;
}

describe('TemplateApi against the fake Graph API', () => {
  it('creates templates and lists every page, never putting the token in a URL', async () => {
    const { api, urls } = await setup({ pageSize: 2 });
    const created = [];
    for (const name of ['a_one', 'b_two', 'c_three', 'd_four', 'e_five']) created.push(await api.create(WABA, body(name)));
    expect(created[0]).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'pending', category: 'utility' });
    await graph!.approveTemplate('c_three', 'en', { webhook: false });
    await graph!.setTemplateQuality('c_three', 'en', 'YELLOW', { webhook: false });

    const listed = await api.list(WABA);
    expect(listed.map((t) => t.name)).toEqual(['a_one', 'b_two', 'c_three', 'd_four', 'e_five']);
    expect(listed[2]).toEqual({
      id: created[2]!.id,
      name: 'c_three',
      language: 'en',
      status: 'APPROVED',
      category: 'UTILITY',
      parameter_format: 'NAMED',
      rejected_reason: 'NONE',
      quality_score: { score: 'YELLOW', date: expect.any(Number) },
      components: body('c_three').components,
    });
    const listUrls = urls.filter((u) => u.includes('message_templates?'));
    expect(listUrls).toHaveLength(3);
    for (const u of urls) expect(u).not.toContain(TOKEN);
  });

  it('edits and deletes (one language by id, or every language)', async () => {
    const { api } = await setup();
    const en = await api.create(WABA, body('order_update', 'en'));
    await api.create(WABA, body('order_update', 'es'));
    await graph!.approveTemplate('order_update', 'en', { webhook: false });
    await api.edit(en.id, { components: body('x').components });
    expect(graph!.templates(WABA).find((t) => t.language === 'en')!.status).toBe('PENDING');
    await api.remove(WABA, 'order_update', en.id);
    expect(graph!.templates(WABA).map((t) => t.language)).toEqual(['es']);
    await api.remove(WABA, 'order_update');
    expect(await api.list(WABA)).toEqual([]);
  });

  it("keeps Meta's error: code, subcode, user message, fbtrace_id", async () => {
    const { api } = await setup();
    await api.create(WABA, body('order_update'));
    const dup = await failure(api.create(WABA, body('order_update')));
    expect(dup).toMatchObject({ status: 400, code: 100, subcode: 2388024, fbtraceId: expect.any(String) });
    expect(dup.details).toMatchObject({ transient: false, userMessage: 'Content in this language already exists: order_update (en)' });
    expect(dup.message).toBe(
      'Graph API POST /v21.0/102290129340398/message_templates failed with HTTP 400 (code 100/2388024): (#100) Invalid parameter — Content in this language already exists: order_update (en)',
    );
    const pending = await failure(api.edit((await api.list(WABA))[0]!.id, { components: body('x').components }));
    expect(pending.details.userMessage).toBe('a PENDING template cannot be edited (only APPROVED, REJECTED or PAUSED)');
    const bad = await failure(api.create(WABA, { ...body('x'), name: 'Bad Name' }));
    expect(bad.details.userMessage).toBe('name: expected lowercase letters, digits and underscores');
  });

  it('reports an expired token as code 190 without echoing it', async () => {
    const { api } = await setup();
    graph!.setAccessToken('another-token');
    const err = await failure(api.list(WABA));
    expect(err).toMatchObject({ status: 401, code: 190 });
  });

  it('times out, and says so, when Graph does not answer in time', async () => {
    const { api } = await setup({ timeoutMs: 150 });
    graph!.setLatency(2000);
    const err = await failure(api.list(WABA));
    expect(err.status).toBe(0);
    expect(err.details.transient).toBe(true);
    expect(err.message).toMatch(/^Graph API GET \/v21\.0\/102290129340398\/message_templates\?fields=.* timed out after 150 ms$/);
  });

  it('reports a refused connection as transient', async () => {
    const api = createTemplateApi({ baseUrl: 'http://127.0.0.1:9', version: 'v21.0', accessToken: TOKEN, timeoutMs: 5000 });
    const err = await failure(api.list(WABA));
    expect(err).toMatchObject({ status: 0, code: 0, details: { transient: true } });
    expect(err.message).toContain('no answer');
  });

  it('uploads media in a resumable session and the handle is accepted as a header example', async () => {
    const { api } = await setup();
    const bytes = new Uint8Array(Array.from({ length: 5000 }, (_, i) => i % 256));
    const handle = await api.uploadMedia(APP, bytes, 'image/jpeg', 'sneakers.jpg');
    expect(handle).toMatch(/^4::/);
    const withImage = {
      ...body('cart_reminder'),
      components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } }, ...body('x').components],
    };
    expect((await api.create(WABA, withImage)).status).toBe('pending');
    const forged = await failure(
      api.create(WABA, {
        ...withImage,
        name: 'other',
        components: [{ ...withImage.components[0], example: { header_handle: ['4::nope'] } }, ...body('x').components],
      }),
    );
    expect(forged.details.userMessage).toContain('unknown file handle');
  });

  it('resumes an upload whose connection dropped, from the offset Meta reports', async () => {
    let dropped = false;
    const flaky: typeof fetch = async (input, init) => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      if (!dropped && url.includes('/upload:') && init?.method === 'POST') {
        dropped = true;
        // Meta got the first 1,000 bytes before the connection dropped.
        const partial = new Uint8Array((init.body as Uint8Array).subarray(0, 1000));
        headers.set('content-type', 'application/octet-stream');
        await fetch(input, { method: 'POST', headers, body: partial });
        throw new TypeError('fetch failed: socket hang up');
      }
      return fetch(input, init);
    };
    const { api } = await setup({ fetch: flaky });
    const handle = await api.uploadMedia(APP, new Uint8Array(3000).fill(7), 'application/pdf', 'menu.pdf');
    expect(dropped).toBe(true);
    expect(handle).toMatch(/^4::/);
    const uploads = graph!.requests.filter((r) => r.path.includes('/upload:'));
    expect(uploads.map((r) => [r.method, (r.body as { bytes?: number } | undefined)?.bytes])).toEqual([
      ['POST', 1000],
      ['GET', undefined],
      ['POST', 2000],
    ]);
  });

  it('refuses a paging.next to another host, ids that are not ids, and answers that are not Graph', async () => {
    const { graph: fake } = await setup();
    const foreign: typeof fetch = async () =>
      new Response(JSON.stringify({ data: [], paging: { next: `https://evil.example/v21.0/1/message_templates?access_token=${TOKEN}` } }));
    const api = createTemplateApi({ baseUrl: fake.url, version: 'v21.0', accessToken: TOKEN, fetch: foreign });
    const err = await failure(api.list(WABA));
    expect(err.message).toBe(
      `Graph API answered unexpectedly: GET message_templates: paging.next points to https://evil.example, not ${fake.url}`,
    );
    const real = createTemplateApi({ baseUrl: fake.url, version: 'v21.0', accessToken: TOKEN });
    expect((await failure(real.list('../me'))).message).toBe('wabaId: expected Meta\'s numeric id, got "../me"');
    const html: typeof fetch = async () => new Response('<html>bad gateway</html>', { status: 200 });
    const broken = createTemplateApi({ baseUrl: fake.url, version: 'v21.0', accessToken: TOKEN, fetch: html });
    expect((await failure(broken.list(WABA))).message).toContain('expected a JSON object, got "<html>bad gateway</html>"');
    const echo: typeof fetch = async (input) =>
      new Response(
        JSON.stringify({ error: { message: `Malformed access token ${TOKEN} in ${String(input)}`, code: 190, error_user_msg: TOKEN } }),
        {
          status: 400,
        },
      );
    const echoed = await failure(createTemplateApi({ baseUrl: fake.url, version: 'v21.0', accessToken: TOKEN, fetch: echo }).list(WABA));
    expect(echoed.message).toContain('Malformed access token [token] in');
    expect(echoed.details.userMessage).toBe('[token]');
    const missing: typeof fetch = async () => new Response(JSON.stringify({ data: [{ id: '1', name: 'x' }] }));
    const partial = createTemplateApi({ baseUrl: fake.url, version: 'v21.0', accessToken: TOKEN, fetch: missing });
    expect((await failure(partial.list(WABA))).message).toBe(
      'Graph API answered unexpectedly: GET message_templates: page 1 data[0].components expected an array',
    );
  });
});
