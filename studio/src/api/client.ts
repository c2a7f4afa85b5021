/**
 * Typed client for the runtime's admin/studio API (docs/admin-api.md).
 * Every failure becomes an ApiError with plain words the UI can show as is.
 */
import type { Flow, FlowLayout, InboundMessage } from '@parley/flow';
import type { Understanding } from '@parley/contract';
import type {
  AddTestResult,
  AnalyticsReport,
  CreateFlowResult,
  CreateSessionResult,
  FlowDraft as DraftFiles,
  FlowSummary,
  LoginModes,
  LoginResult,
  Queued,
  SaveFlowResult,
  VersionInfo,
  VersionRecord,
  VersionResult,
} from '@parley/contract/api';

// The API's shapes come from the runtime's route schemas (@parley/contract/api).
export type { AnalyticsReport, FlowSummary, VersionInfo };

/**
 * A flow's draft files as the editor holds them. The API sends the files as they are on disk
 * (possibly invalid); the editor treats them as a flow and a layout and validates as it edits.
 */
export type FlowDraft = Omit<DraftFiles, 'flow' | 'layout'> & { flow: Flow; layout: FlowLayout };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body (e.g. `current` on a 409, `issues` on a 422). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ConflictError extends ApiError {
  constructor(
    readonly current: FlowDraft | undefined,
    body: unknown,
  ) {
    super(409, 'conflict', 'Someone saved a newer version of this flow while you were editing.', body);
    this.name = 'ConflictError';
  }
}

type Fetch = typeof fetch;

export class ApiClient {
  constructor(
    private token: string | null,
    private readonly base = '/api',
    private readonly fetchImpl: Fetch = (...a) => fetch(...a),
    /** Called on 401 so the app can show the login screen again. */
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get authToken(): string | null {
    return this.token;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  async login(password: string): Promise<string> {
    const { token } = await this.request<LoginResult>('POST', '/login', { password }, { auth: false });
    // null: the server has no password configured (it answers 401 first, so this is not expected).
    if (token === null) throw new ApiError(401, 'unauthorized', 'Password sign-in is not configured on this server.');
    this.token = token;
    return token;
  }

  /** Which sign-in modes the server has configured (GET /api/login/modes); null when it cannot tell. */
  async loginModes(): Promise<LoginModes | null> {
    try {
      return await this.request<LoginModes>('GET', '/login/modes', undefined, { auth: false });
    } catch {
      return null;
    }
  }

  /** Checks an admin token by listing the flows with it; keeps it only when it works. */
  async useAdminToken(token: string): Promise<void> {
    const previous = this.token;
    this.token = token;
    try {
      await this.request<unknown>('GET', '/flows', undefined, { auth: true, quiet401: true });
    } catch (e) {
      this.token = previous;
      throw e;
    }
  }

  listFlows = () => this.request<FlowSummary[]>('GET', '/flows');
  getFlow = (id: string) => this.request<FlowDraft>('GET', `/flows/${enc(id)}`);
  createFlow = (flow: Flow, layout: FlowLayout) => this.request<CreateFlowResult>('POST', '/flows', { flow, layout });

  async saveFlow(id: string, flow: Flow, layout: FlowLayout, baseRevision: string): Promise<SaveFlowResult> {
    try {
      return await this.request<SaveFlowResult>('PUT', `/flows/${enc(id)}`, { flow, layout, baseRevision });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const current = (e.body as { current?: FlowDraft } | undefined)?.current;
        throw new ConflictError(current, e.body);
      }
      throw e;
    }
  }

  publish = (id: string, summary: string) => this.request<VersionResult>('POST', `/flows/${enc(id)}/publish`, { summary });
  versions = (id: string) => this.request<VersionInfo[]>('GET', `/flows/${enc(id)}/versions`);
  version = (id: string, v: number) =>
    this.request<Omit<VersionRecord, 'flow' | 'layout'> & Pick<FlowDraft, 'flow' | 'layout'>>('GET', `/flows/${enc(id)}/versions/${v}`);
  rollback = (id: string, version: number) => this.request<VersionResult>('POST', `/flows/${enc(id)}/rollback`, { version });
  addTest = (id: string, test: unknown) => this.request<AddTestResult>('POST', `/flows/${enc(id)}/tests`, { test });
  tryNlu = (flowId: string, text: string, flow?: Flow) => this.request<Understanding>('POST', '/nlu/try', { flowId, text, flow });

  analytics(flowId: string, from?: string, to?: string): Promise<AnalyticsReport> {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    const qs = q.toString();
    return this.request<AnalyticsReport>('GET', `/analytics/${enc(flowId)}${qs ? `?${qs}` : ''}`);
  }

  createSession = (flowId: string, flow?: Flow) => this.request<CreateSessionResult>('POST', '/simulator/sessions', { flowId, flow });
  sendMessage = (sid: string, message: InboundMessage) =>
    this.request<Queued>('POST', `/simulator/sessions/${enc(sid)}/messages`, { message });
  fireTimeout = (sid: string) => this.request<Queued>('POST', `/simulator/sessions/${enc(sid)}/timeout`);
  restart = (sid: string) => this.request<Queued>('POST', `/simulator/sessions/${enc(sid)}/restart`);

  /** URL + headers for the SSE stream (fetch-based: EventSource cannot send a bearer token). */
  eventsRequest(sid: string): { url: string; headers: Record<string, string> } {
    return { url: `${this.base}/simulator/sessions/${enc(sid)}/events`, headers: this.authHeaders() };
  }

  get fetcher(): Fetch {
    return this.fetchImpl;
  }

  private authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /** `quiet401`: a 401 is the answer being checked (a pasted token), not a session that ended. */
  async request<T>(method: string, path: string, body?: unknown, opts: { auth?: boolean; quiet401?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = opts.auth === false ? {} : this.authHeaders();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach the Parley server. Check that it is running and try again.');
    }
    const text = await res.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (res.ok) return data as T;
    if (res.status === 401 && opts.auth !== false && !opts.quiet401) this.onUnauthorized();
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? plainStatus(res.status), data);
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

function plainStatus(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found. It may have been deleted or renamed.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The server refused the request (HTTP ${status}).`;
}
