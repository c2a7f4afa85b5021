/**
 * The runtime's contacts, consent, imports, privacy and segments API (issue 12), typed with
 * @parley/contract/api. Like templates.ts it is kept apart from client.ts: it needs only the
 * client's authenticated request, plus a raw upload for the CSV import (the body is the file,
 * text/csv, streamed by the browser from disk rather than read into memory).
 */
import type {
  ConsentRecordBody,
  ConsentResponse,
  ContactExport,
  ContactListResponse,
  ContactPatchBody,
  ContactResponse,
  EraseReport,
  FieldsResponse,
  ImportMapping,
  ImportReport,
  SegmentListResponse,
  SegmentPreviewResponse,
  SegmentResponse,
  TimelineResponse,
} from '@parley/contract/api';
import type { CustomFieldDefinition, SegmentFilter } from '@parley/contract';
import { ApiError, type ApiClient } from './client';

export type { ContactListResponse, ImportReport, SegmentPreviewResponse };

export interface ContactListParams {
  q?: string;
  /** A saved segment's id. */
  segment?: string;
  /** An ad-hoc filter (sent as JSON). */
  filter?: SegmentFilter;
  limit?: number;
  cursor?: string;
}

export interface ImportParams {
  map: ImportMapping;
  /** ISO 3166 alpha-2, for numbers written without +country. */
  country?: string;
  file?: string;
  dryRun?: boolean;
  /** The consent wording for the whole file (when no column carries it). */
  wording?: string;
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const contactsApi = (api: ApiClient) => ({
  list: (p: ContactListParams = {}) =>
    api.request<ContactListResponse>(
      'GET',
      `/contacts${query({ q: p.q, segment: p.segment, filter: p.filter ? JSON.stringify(p.filter) : undefined, limit: p.limit, cursor: p.cursor })}`,
    ),
  get: (id: string) => api.request<ContactResponse>('GET', `/contacts/${enc(id)}`),
  patch: (id: string, body: ContactPatchBody) => api.request<ContactResponse>('PATCH', `/contacts/${enc(id)}`, body),
  timeline: (id: string) => api.request<TimelineResponse>('GET', `/contacts/${enc(id)}/timeline`),
  consent: (id: string) => api.request<ConsentResponse>('GET', `/contacts/${enc(id)}/consent`),
  recordConsent: (id: string, body: ConsentRecordBody) => api.request<ConsentResponse>('POST', `/contacts/${enc(id)}/consent`, body),
  exportContact: (id: string) => api.request<ContactExport>('GET', `/contacts/${enc(id)}/export`),
  erase: (id: string) => api.request<EraseReport>('DELETE', `/contacts/${enc(id)}`),
  fields: () => api.request<FieldsResponse>('GET', '/contact-fields'),
  saveFields: (fields: CustomFieldDefinition[]) => api.request<FieldsResponse>('PUT', '/contact-fields', { fields }),

  /** Starts an import (or a dry run) of a CSV file: 202 with the report, status running. */
  startImport: (body: Blob | string, p: ImportParams) =>
    upload<ImportReport>(
      api,
      `/contacts/imports${query({ map: JSON.stringify(p.map), country: p.country, file: p.file, dryRun: p.dryRun ? true : undefined, wording: p.wording })}`,
      body,
    ),
  importReport: (importId: string) => api.request<ImportReport>('GET', `/contacts/imports/${enc(importId)}`),

  segments: () => api.request<SegmentListResponse>('GET', '/segments'),
  saveSegment: (id: string, name: string, filter: SegmentFilter) =>
    api.request<SegmentResponse>('PUT', `/segments/${enc(id)}`, { name, filter }),
  deleteSegment: (id: string) => api.request<unknown>('DELETE', `/segments/${enc(id)}`),
  preview: (filter: SegmentFilter, sample = 0) => api.request<SegmentPreviewResponse>('POST', '/segments/preview', { filter, sample }),
});

export type ContactsApi = ReturnType<typeof contactsApi>;

/** POST of a text/csv body; failures become ApiErrors with the server's message, like ApiClient.request. */
async function upload<T>(api: ApiClient, path: string, body: Blob | string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (api.authToken) headers.authorization = `Bearer ${api.authToken}`;
  let res: Response;
  try {
    res = await api.fetcher(`/api${path}`, { method: 'POST', headers, body });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Parley server. Check that it is running and try again.');
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? `The server refused the file (HTTP ${res.status}).`,
    data,
  );
}

/** A slug for a segment id from its name ("VIP buyers (Lisbon)" → "vip-buyers-lisbon"). */
export function segmentIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'segment';
}
