/**
 * Meta's template management API (Graph API, `whatsapp_business_management`): list a WhatsApp
 * Business Account's templates (following `paging.next`), create, edit and delete them, and upload
 * header media through the Resumable Upload API to get the handle Meta wants as the example.
 * `fetch` is injected (tests, proxies); every call has a timeout. Failures are GraphApiError with
 * Meta's code, subcode, message and fbtrace_id kept, and the access token scrubbed from anything
 * that could reach a log: the token only ever travels in the Authorization header.
 */
import type { TemplateCategory, TemplateStatus } from '@parley/contract';
import { categoryFromMeta, statusFromMeta, type MetaComponent, type MetaTemplate } from '@parley/templates';

export interface TemplateApiOptions {
  /** Graph API root without the version, e.g. `https://graph.facebook.com` (config `graph.baseUrl`). */
  baseUrl: string;
  /** e.g. `v21.0` (config `graph.version`). */
  version: string;
  accessToken: string;
  fetch?: typeof fetch;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** `limit` of each list page. Default 100. */
  pageSize?: number;
}

export interface CreatedTemplate {
  id: string;
  status: TemplateStatus;
  category?: TemplateCategory;
}

export interface TemplateApi {
  /** Every template of the account (all pages): id, name, language, status, category, quality_score, rejected_reason, parameter_format, components. */
  list(wabaId: string): Promise<MetaTemplate[]>;
  /** `POST /{WABA-ID}/message_templates` with a toMetaCreate body. */
  create(wabaId: string, body: Record<string, unknown>): Promise<CreatedTemplate>;
  /** `POST /{TEMPLATE-ID}` with a toMetaEdit body. */
  edit(templateId: string, body: Record<string, unknown>): Promise<void>;
  /** Every language of `name`, or only the one with `templateId` (Meta's hsm_id). */
  remove(wabaId: string, name: string, templateId?: string): Promise<void>;
  /** Resumable upload (resumes once after a dropped connection) → the file handle for `example.header_handle`. */
  uploadMedia(appId: string, bytes: Uint8Array, mimeType: string, fileName: string): Promise<string>;
}

/** A failed Graph call. `status` 0: no HTTP answer (network, timeout); `code` 0: Meta gave no error code. */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: number,
    readonly details: {
      subcode?: number;
      fbtraceId?: string;
      /** Meta's `error_user_msg`: the sentence meant for people (why a template was refused). */
      userMessage?: string;
      /** Worth retrying later: network trouble, timeouts, 5xx, 429, or Meta's `is_transient`. */
      transient: boolean;
    },
  ) {
    super(message);
  }
  get subcode(): number | undefined {
    return this.details.subcode;
  }
  get fbtraceId(): string | undefined {
    return this.details.fbtraceId;
  }
}

const LIST_FIELDS = 'id,name,language,status,category,quality_score,rejected_reason,parameter_format,components';
/** A runaway `paging.next` chain stops here (100 × 100 templates is far beyond Meta's per-account limit). */
const MAX_PAGES = 100;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createTemplateApi(opts: TemplateApiOptions): TemplateApi {
  const doFetch = opts.fetch ?? fetch;
  const root = `${opts.baseUrl.replace(/\/+$/, '')}/${opts.version}`;
  const origin = new URL(root).origin;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const scrub = (s: string): string =>
    (opts.accessToken ? s.split(opts.accessToken).join('[token]') : s).replace(/access_token=[^&\s"']+/g, 'access_token=[token]');

  async function call(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Json> {
    const where = `${method} ${scrub(url.replace(origin, ''))}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { authorization: `Bearer ${opts.accessToken}`, ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const why = timedOut ? `timed out after ${timeoutMs} ms` : `no answer (${err instanceof Error ? err.message : String(err)})`;
      throw new GraphApiError(scrub(`Graph API ${where}: ${why}`), 0, 0, { transient: true });
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok) throw metaError(res.status, body, where, scrub);
    if (!isObj(body))
      throw new GraphApiError(
        scrub(`Graph API ${where}: expected a JSON object, got ${JSON.stringify(text.slice(0, 80))}`),
        res.status,
        0,
        { transient: false },
      );
    return body;
  }

  const json = (body: Json): { body: string; headers: Record<string, string> } => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

  return {
    async list(wabaId) {
      const first = new URL(`${root}/${id('wabaId', wabaId)}/message_templates`);
      first.searchParams.set('fields', LIST_FIELDS);
      first.searchParams.set('limit', String(opts.pageSize ?? 100));
      const out: MetaTemplate[] = [];
      const seen = new Set<string>();
      let next: string | undefined = first.toString();
      for (let page = 0; next !== undefined; page++) {
        if (page >= MAX_PAGES || seen.has(next)) throw responseError(`GET message_templates: paging did not end after ${page} pages`);
        seen.add(next);
        const body = await call('GET', next);
        if (!Array.isArray(body.data)) throw responseError(`GET message_templates: expected data to be an array, got ${typeof body.data}`);
        body.data.forEach((item, i) => out.push(metaTemplate(item, `page ${page + 1} data[${i}]`)));
        next = nextPage(body.paging, origin);
      }
      return out;
    },

    async create(wabaId, body) {
      const answer = await call('POST', `${root}/${id('wabaId', wabaId)}/message_templates`, json(body));
      const createdId = typeof answer.id === 'string' || typeof answer.id === 'number' ? String(answer.id) : undefined;
      if (!createdId) throw responseError('POST message_templates: expected the new template id');
      const category = typeof answer.category === 'string' ? categoryFromMeta(answer.category) : undefined;
      return {
        id: createdId,
        status: typeof answer.status === 'string' ? statusFromMeta(answer.status) : 'pending',
        ...(category ? { category } : {}),
      };
    },

    async edit(templateId, body) {
      const answer = await call('POST', `${root}/${id('templateId', templateId)}`, json(body));
      if (answer.success !== true) throw responseError(`POST /${templateId}: Meta did not confirm the edit`);
    },

    async remove(wabaId, name, templateId) {
      const url = new URL(`${root}/${id('wabaId', wabaId)}/message_templates`);
      url.searchParams.set('name', name);
      if (templateId !== undefined) url.searchParams.set('hsm_id', id('templateId', templateId));
      const answer = await call('DELETE', url.toString());
      if (answer.success !== true) throw responseError(`DELETE message_templates?name=${name}: Meta did not confirm the deletion`);
    },

    async uploadMedia(appId, bytes, mimeType, fileName) {
      const open = new URL(`${root}/${id('appId', appId)}/uploads`);
      open.searchParams.set('file_name', fileName);
      open.searchParams.set('file_length', String(bytes.length));
      open.searchParams.set('file_type', mimeType);
      const session = (await call('POST', open.toString())).id;
      if (typeof session !== 'string' || !/^upload:[\w\-.:=%]+$/.test(session))
        throw responseError('POST uploads: expected an upload session id');
      const sessionUrl = `${root}/${session}`;
      const send = (offset: number): Promise<Json> =>
        call('POST', sessionUrl, {
          body: new Uint8Array(bytes.subarray(offset)),
          headers: { authorization: `OAuth ${opts.accessToken}`, file_offset: String(offset), 'content-type': 'application/octet-stream' },
        });
      let answer: Json;
      try {
        answer = await send(0);
      } catch (err) {
        if (!(err instanceof GraphApiError) || err.status !== 0) throw err;
        // The connection dropped mid-upload: ask Meta how far it got and send the rest, once.
        const offset = (await call('GET', sessionUrl)).file_offset;
        if (typeof offset !== 'number' || offset < 0 || offset > bytes.length) throw err;
        answer = await send(offset);
      }
      if (typeof answer.h !== 'string' || answer.h === '') throw responseError('POST upload session: expected the file handle (h)');
      return answer.h;
    },
  };
}

/** Only `paging.next` on the Graph host is followed (the bearer token must not go anywhere else); its access_token is dropped. */
function nextPage(paging: unknown, origin: string): string | undefined {
  if (!isObj(paging) || typeof paging.next !== 'string') return undefined;
  let next: URL;
  try {
    next = new URL(paging.next);
  } catch {
    throw responseError('GET message_templates: paging.next is not a URL');
  }
  if (next.origin !== origin) throw responseError(`GET message_templates: paging.next points to ${next.origin}, not ${origin}`);
  next.searchParams.delete('access_token');
  return next.toString();
}

function metaTemplate(item: unknown, path: string): MetaTemplate {
  if (!isObj(item)) throw responseError(`GET message_templates: ${path} is not an object`);
  const str = (key: string): string => {
    const v = item[key];
    if (typeof v === 'string' && v !== '') return v;
    if (key === 'id' && typeof v === 'number') return String(v);
    throw responseError(`GET message_templates: ${path}.${key} expected a string, got ${JSON.stringify(v)?.slice(0, 40) ?? 'nothing'}`);
  };
  if (!Array.isArray(item.components)) throw responseError(`GET message_templates: ${path}.components expected an array`);
  const t: MetaTemplate = {
    id: str('id'),
    name: str('name'),
    language: str('language'),
    status: str('status'),
    category: str('category'),
    // Components stay Meta's (loose) shape; fromMeta reads them field by field.
    components: item.components.filter((c): c is MetaComponent => isObj(c) && typeof c.type === 'string'),
  };
  if (isObj(item.quality_score) && typeof item.quality_score.score === 'string') {
    t.quality_score = {
      score: item.quality_score.score,
      ...(typeof item.quality_score.date === 'number' ? { date: item.quality_score.date } : {}),
    };
  } else if (typeof item.quality_score === 'string') t.quality_score = item.quality_score;
  if (typeof item.rejected_reason === 'string') t.rejected_reason = item.rejected_reason;
  if (typeof item.parameter_format === 'string') t.parameter_format = item.parameter_format;
  return t;
}

function metaError(status: number, body: unknown, where: string, scrub: (s: string) => string): GraphApiError {
  const e = isObj(body) && isObj(body.error) ? body.error : undefined;
  const code = typeof e?.code === 'number' ? e.code : 0;
  const subcode = typeof e?.error_subcode === 'number' ? e.error_subcode : undefined;
  const metaMessage = typeof e?.message === 'string' ? e.message : `HTTP ${status}`;
  const userMessage = typeof e?.error_user_msg === 'string' ? scrub(e.error_user_msg) : undefined;
  const fbtraceId = typeof e?.fbtrace_id === 'string' ? e.fbtrace_id : undefined;
  const transient = e?.is_transient === true || status >= 500 || status === 429;
  const codes = code ? ` (code ${code}${subcode !== undefined ? `/${subcode}` : ''})` : '';
  const message = scrub(`Graph API ${where} failed with HTTP ${status}${codes}: ${metaMessage}${userMessage ? ` — ${userMessage}` : ''}`);
  return new GraphApiError(message, status, code, {
    transient,
    ...(subcode !== undefined ? { subcode } : {}),
    ...(fbtraceId !== undefined ? { fbtraceId } : {}),
    ...(userMessage !== undefined ? { userMessage } : {}),
  });
}

function responseError(what: string): GraphApiError {
  return new GraphApiError(`Graph API answered unexpectedly: ${what}`, 200, 0, { transient: false });
}

/** Ids go into the path: digits only, so nothing can smuggle a path segment or a query in. */
function id(what: string, value: string): string {
  if (!/^\d{1,32}$/.test(value))
    throw new GraphApiError(`${what}: expected Meta's numeric id, got ${JSON.stringify(value.slice(0, 40))}`, 0, 0, { transient: false });
  return value;
}
