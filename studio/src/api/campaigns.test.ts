import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';
import { campaignsApi } from './campaigns';

function recording(status = 200, answer: unknown = {}) {
  const asked: Array<{ method: string; url: string; body: unknown; auth: string | null }> = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    asked.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init?.headers).get('authorization'),
    });
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  };
  return { asked, api: campaignsApi(new ApiClient('tok', '/api', fetchImpl)) };
}

describe('campaigns API client', () => {
  it('calls the routes of the contract with the token, ids encoded', async () => {
    const { asked, api } = recording();
    await api.checklist('a/b');
    await api.act('spring', 'pause', 'too many complaints');
    await api.act('spring', 'launch');
    await api.previewAudience({ match: 'all', conditions: [] });
    expect(asked).toEqual([
      { method: 'GET', url: '/api/campaigns/a%2Fb/checklist', body: undefined, auth: 'Bearer tok' },
      { method: 'POST', url: '/api/campaigns/spring/pause', body: { reason: 'too many complaints' }, auth: 'Bearer tok' },
      { method: 'POST', url: '/api/campaigns/spring/launch', body: {}, auth: 'Bearer tok' },
      { method: 'POST', url: '/api/segments/preview', body: { filter: { match: 'all', conditions: [] }, sample: 0 }, auth: 'Bearer tok' },
    ]);
  });

  it('turns a refusal into an ApiError with the runtime’s words', async () => {
    const { api } = recording(503, { error: { code: 'no_database', message: 'No database is configured.' } });
    const e = await api.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 503, code: 'no_database', message: 'No database is configured.' });
  });
});
