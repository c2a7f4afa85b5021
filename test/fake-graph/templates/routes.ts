/**
 * The template management endpoints of the Graph API, as the fake answers them:
 * - `GET /{WABA-ID}/message_templates?fields&limit&after` — Meta's list with cursor paging
 *   (`paging.next` is a full URL that, like Meta's, carries the access token)
 * - `POST /{WABA-ID}/message_templates` — create (validated like Meta; a duplicate name+language is
 *   error 100 / subcode 2388024, a recently deleted one 2388023) → `{ id, status, category }`
 * - `POST /{TEMPLATE-ID}` — edit (only approved, rejected or paused templates; back to PENDING)
 * - `DELETE /{WABA-ID}/message_templates?name[&hsm_id]` — every language of a name, or one by id
 * - `GET /{TEMPLATE-ID}` — one template
 * - `POST /{APP-ID}/uploads`, `POST|GET /upload:…` — the resumable upload (uploads.ts)
 */
import { graphError, injectedFailure, type GraphErrorResponse } from '../errors';
import type { Json } from '../payloads';
import { listItem, type StoredTemplate, type TemplateStore } from './store';
import { UploadSessions } from './uploads';
import { normalizedComponents, validateTemplateCreate, validateTemplateEdit } from './validate-create';
import type { MetaCategory } from './webhooks';
import type { TemplateAnswer, TemplateRequest } from './http';

export type { TemplateAnswer, TemplateRequest } from './http';

export interface TemplateRoutesDeps {
  store: TemplateStore;
  token: () => string;
  /** Base URL of the fake, for `paging.next`. */
  baseUrl: () => string;
  knownIds?: readonly string[];
  pageSize?: number;
  /** A template was created or edited (pending review): the auto-approval hook. */
  onSubmitted: (t: StoredTemplate) => void;
}

const VERSIONED = /^\/(v\d+\.\d+)\/(.+)$/;
const SUBCODE_ALREADY_EXISTS = 2388024;
const SUBCODE_BEING_DELETED = 2388023;
const EDITABLE = new Set(['APPROVED', 'REJECTED', 'PAUSED']);

export function createTemplateRoutes(deps: TemplateRoutesDeps): { handle(req: TemplateRequest): TemplateAnswer | null; reset(): void } {
  const { store } = deps;
  const uploads = new UploadSessions(store.uploadHandles);

  function handle(req: TemplateRequest): TemplateAnswer | null {
    const m = VERSIONED.exec(req.url.pathname);
    if (!m) return null;
    const version = m[1] as string;
    const segments = (m[2] as string).split('/').map((s) => decodeURIComponent(s));
    const [first, second] = segments;
    if (segments.length > 2 || first === undefined) return null;
    const route = routeOf(req.method, first, second);
    if (!route) return null;

    const auth = req.headers.authorization ?? '';
    const bearer = /^(?:Bearer|OAuth) (.+)$/i.exec(auth)?.[1] ?? req.url.searchParams.get('access_token');
    if (bearer !== deps.token()) return injectedFailure('token_expired', {}, 'whatsapp');
    if (req.raw === null) return graphError(100, 413, 'Request body too large');

    switch (route) {
      case 'list':
        return known(first) ?? list(first, version, req.url.searchParams);
      case 'create':
        return known(first) ?? create(first, req.raw);
      case 'delete':
        return known(first) ?? remove(first, req.url.searchParams);
      case 'upload-open':
        return uploads.open(first, req.url.searchParams);
      case 'upload-status':
        return uploads.status(first);
      case 'upload-append': {
        const offset = req.headers.file_offset;
        return uploads.append(first, Array.isArray(offset) ? offset[0] : offset, req.raw);
      }
      case 'read': {
        const t = store.byId(first);
        return t ? ok(listItem(t, fieldsOf(req.url.searchParams))) : null;
      }
      case 'edit': {
        const t = store.byId(first);
        return t ? edit(t, req.raw) : null;
      }
    }
  }

  function known(wabaId: string): GraphErrorResponse | null {
    if (!deps.knownIds || deps.knownIds.includes(wabaId)) return null;
    return graphError(
      100,
      400,
      `Unsupported get request. Object with ID '${wabaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      {
        error_subcode: 33,
        type: 'GraphMethodException',
      },
    );
  }

  function list(wabaId: string, version: string, query: URLSearchParams): TemplateAnswer | GraphErrorResponse {
    const limit = query.has('limit') ? Number(query.get('limit')) : (deps.pageSize ?? 25);
    if (!Number.isSafeInteger(limit) || limit < 1) return invalid('limit: expected a positive integer');
    const all = store.list(wabaId).filter((t) => matchesFilters(t, query));
    const start = query.has('after') ? cursorOffset(query.get('after') as string) : 0;
    if (start === null) return invalid('after: unknown cursor');
    const page = all.slice(start, start + limit);
    const paging: Json = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
    if (start + page.length < all.length) {
      const next = new URL(`${deps.baseUrl()}/${version}/${wabaId}/message_templates`);
      for (const [k, v] of query) if (k !== 'after') next.searchParams.set(k, v);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', cursor(start + page.length));
      next.searchParams.set('access_token', deps.token());
      paging.next = next.toString();
    }
    return ok({ data: page.map((t) => listItem(t, fieldsOf(query))), paging });
  }

  function create(wabaId: string, raw: Buffer): TemplateAnswer | GraphErrorResponse {
    const body = parseJson(raw);
    if (body === undefined) return invalid('Request body is not valid JSON');
    const problem = validateTemplateCreate(body, store.uploadHandles);
    if (problem) return invalid(problem.message, problem.subcode);
    const b = body as Json;
    const name = b.name as string;
    const language = b.language as string;
    if (store.find(wabaId, name, language))
      return invalid(
        `Content in this language already exists: ${name} (${language})`,
        SUBCODE_ALREADY_EXISTS,
        'Content in this language already exists',
      );
    if (store.wasDeleted(wabaId, name, language))
      return invalid(
        `${name} (${language}) is being deleted; use another name`,
        SUBCODE_BEING_DELETED,
        'Message template language is being deleted',
      );
    const t = store.add(wabaId, {
      name,
      language,
      category: b.category as MetaCategory,
      components: normalizedComponents(b.components),
      parameterFormat: b.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    });
    deps.onSubmitted(t);
    return ok({ id: t.id, status: t.status, category: t.category });
  }

  function edit(t: StoredTemplate, raw: Buffer): TemplateAnswer | GraphErrorResponse {
    const body = parseJson(raw);
    if (body === undefined) return invalid('Request body is not valid JSON');
    if (!EDITABLE.has(t.status)) return invalid(`a ${t.status} template cannot be edited (only APPROVED, REJECTED or PAUSED)`);
    const problem = validateTemplateEdit(body, { category: t.category, parameterFormat: t.parameterFormat }, store.uploadHandles);
    if (problem) return invalid(problem.message, problem.subcode);
    const b = body as Json;
    if (b.category !== undefined && b.category !== t.category && t.status === 'APPROVED')
      return invalid('category: the category of an approved template cannot be edited');
    if (b.components !== undefined) t.components = normalizedComponents(b.components);
    if (b.category !== undefined) t.category = b.category as MetaCategory;
    t.status = 'PENDING';
    t.rejectedReason = 'NONE';
    t.revision += 1;
    deps.onSubmitted(t);
    return ok({ success: true });
  }

  function remove(wabaId: string, query: URLSearchParams): TemplateAnswer | GraphErrorResponse {
    const name = query.get('name');
    if (!name) return invalid('name: expected the template name to delete');
    const hsmId = query.get('hsm_id');
    const doomed = store.list(wabaId).filter((t) => t.name === name && (hsmId === null || t.id === hsmId));
    if (doomed.length === 0) return invalid(`Message template not found: ${name}${hsmId ? ` (hsm_id ${hsmId})` : ''}`);
    for (const t of doomed) store.remove(t);
    return ok({ success: true });
  }

  return {
    handle,
    reset: () => uploads.clear(),
  };
}

type Route = 'list' | 'create' | 'delete' | 'upload-open' | 'upload-status' | 'upload-append' | 'read' | 'edit';

function routeOf(method: string, first: string, second: string | undefined): Route | null {
  if (second === 'message_templates')
    return method === 'GET' ? 'list' : method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : null;
  if (second === 'uploads') return method === 'POST' ? 'upload-open' : null;
  if (second !== undefined) return null;
  if (first.startsWith('upload:')) return method === 'POST' ? 'upload-append' : method === 'GET' ? 'upload-status' : null;
  if (/^\d+$/.test(first)) return method === 'POST' ? 'edit' : method === 'GET' ? 'read' : null;
  return null;
}

function matchesFilters(t: StoredTemplate, q: URLSearchParams): boolean {
  const eq = (key: string, value: string): boolean => !q.has(key) || (q.get(key) ?? '').toUpperCase() === value.toUpperCase();
  return eq('name', t.name) && eq('language', t.language) && eq('status', t.status) && eq('category', t.category);
}

function fieldsOf(q: URLSearchParams): string[] | undefined {
  const f = q.get('fields');
  return f
    ? f
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

const cursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');
function cursorOffset(c: string): number | null {
  const m = /^offset:(\d+)$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

const ok = (body: unknown): TemplateAnswer => ({ status: 200, headers: {}, body });
function invalid(details: string, subcode?: number, title?: string): GraphErrorResponse {
  return graphError(100, 400, details, {
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
    is_transient: false,
    error_user_title: title ?? 'Invalid parameter',
    error_user_msg: details,
  });
}
