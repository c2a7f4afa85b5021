import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';
import { contactsApi, segmentIdFromName } from './contacts';

function recording(status = 200, body: unknown = {}) {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { seen, api: contactsApi(new ApiClient('tok', '/api', fetchImpl)) };
}

describe('contacts API client', () => {
  it('puts the search, the segment, the filter as JSON and the cursor in the list query, leaving out what is empty', async () => {
    const { seen, api } = recording(200, { contacts: [], total: 0 });
    await api.list({
      q: 'ana silva',
      filter: { match: 'all', conditions: [{ consent: 'marketing', is: 'opted_in' }] },
      limit: 25,
      cursor: 'abc=',
    });
    await api.list({ q: '', segment: 'vip' });
    const first = new URL(seen[0]!.url, 'http://x');
    expect(first.pathname).toBe('/api/contacts');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      q: 'ana silva',
      filter: '{"match":"all","conditions":[{"consent":"marketing","is":"opted_in"}]}',
      limit: '25',
      cursor: 'abc=',
    });
    expect(seen[1]!.url).toBe('/api/contacts?segment=vip');
    expect((seen[0]!.init!.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('uploads the CSV as text/csv with the mapping, country, file name, dry run and wording in the query', async () => {
    const { seen, api } = recording(202, { id: 'imp-1', status: 'running' });
    const file = new Blob(['phone\n+351911111111\n'], { type: 'text/csv' });
    const report = await api.startImport(file, {
      map: { Mobile: 'phone' },
      country: 'PT',
      file: 'a b.csv',
      dryRun: true,
      wording: 'Offers',
    });
    expect(report).toEqual({ id: 'imp-1', status: 'running' });
    const url = new URL(seen[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/contacts/imports');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      map: '{"Mobile":"phone"}',
      country: 'PT',
      file: 'a b.csv',
      dryRun: 'true',
      wording: 'Offers',
    });
    expect(seen[0]!.init!.method).toBe('POST');
    expect(seen[0]!.init!.headers).toEqual({ 'content-type': 'text/csv', authorization: 'Bearer tok' });
    expect(seen[0]!.init!.body).toBe(file);
  });

  it('turns a refused upload into an ApiError with the server’s words', async () => {
    const { api } = recording(400, { error: { code: 'bad_mapping', message: 'map: "Mobile" is not a column of the file' } });
    const err = await api.startImport('x', { map: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_mapping', message: 'map: "Mobile" is not a column of the file' });
  });

  it('makes segment ids from names', () => {
    expect(segmentIdFromName('VIP buyers (Lisboa, São Paulo)')).toBe('vip-buyers-lisboa-sao-paulo');
    expect(segmentIdFromName('  !!! ')).toBe('segment');
    expect(segmentIdFromName('x'.repeat(70))).toHaveLength(64);
  });
});
