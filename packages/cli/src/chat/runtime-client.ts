/**
 * The runtime's simulator API as `parley chat --server` uses it: create a session, post
 * messages and controls, and read the session's Server-Sent Events. Every failure becomes a
 * CliError in plain words (runtime not reachable, bad token, unknown flow, invalid draft).
 */
import { createParser } from 'eventsource-parser';
import type { InboundMessage, SimulatorEvent } from '@parley/contract';
import type { CreateSessionResult } from '@parley/contract/api';
import type { Flow } from '@parley/flow';
import { CliError } from '../errors';

/** One event of the simulator stream (docs/admin-api.md); the shape is the API's, from @parley/contract. */
export type { SimulatorEvent } from '@parley/contract';

const REQUEST_TIMEOUT_MS = 15_000;

export class RuntimeClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  /** Starts a session of a published flow (by id) or of a local draft (`flow`). */
  async createSession(flowId: string, flow?: Flow): Promise<string> {
    const body = await this.request('POST', '/api/simulator/sessions', { flowId, ...(flow ? { flow } : {}) }, flowId);
    // The answer is checked, not trusted: the URL may not be a Parley runtime.
    const sessionId = (body as Partial<Record<keyof CreateSessionResult, unknown>> | undefined)?.sessionId;
    if (typeof sessionId !== 'string')
      throw new CliError(`parley chat: the runtime at ${this.baseUrl} answered without a session id; is it a Parley runtime?`);
    return sessionId;
  }

  async send(sessionId: string, message: InboundMessage): Promise<void> {
    await this.request('POST', `/api/simulator/sessions/${sessionId}/messages`, { message });
  }

  async fireTimer(sessionId: string): Promise<void> {
    await this.request('POST', `/api/simulator/sessions/${sessionId}/timeout`);
  }

  async restart(sessionId: string): Promise<void> {
    await this.request('POST', `/api/simulator/sessions/${sessionId}/restart`);
  }

  /** An agent hands the session back to the bot (the admin API's handoff release). */
  async release(sessionId: string): Promise<void> {
    await this.request('POST', `/api/handoffs/${encodeURIComponent(`sim:simulator:${sessionId}`)}/release`, {});
  }

  /**
   * Opens the event stream and calls `onEvent` for each event until the stream ends. Resolves
   * when it ends (the runtime closed it), rejects when it cannot be opened or breaks; an abort
   * through `signal` resolves quietly.
   */
  async stream(sessionId: string, signal: AbortSignal, onEvent: (event: SimulatorEvent) => void): Promise<void> {
    const path = `/api/simulator/sessions/${sessionId}/events`;
    const response = await this.fetch('GET', path, undefined, signal);
    if (!response.ok) await this.fail(response, path);
    if (!response.body) throw new CliError(`parley chat: the event stream of ${this.baseUrl} has no body`);
    let bad: CliError | undefined;
    const parser = createParser({
      onEvent: ({ data }) => {
        const event = parseEvent(data);
        if (event) onEvent(event);
        else bad ??= new CliError(`parley chat: the runtime sent an event this chat cannot read: ${data.slice(0, 200)}`);
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        parser.feed(decoder.decode(chunk.value, { stream: true }));
        if (bad) throw bad;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof CliError) throw error;
      throw new CliError(`parley chat: the event stream from ${this.baseUrl} broke: ${describe(error)}`);
    }
  }

  private async request(method: string, path: string, body?: unknown, flowId?: string): Promise<unknown> {
    const response = await this.fetch(method, path, body, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    if (!response.ok) await this.fail(response, path, flowId);
    const text = await response.text();
    try {
      return text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      throw new CliError(`parley chat: ${method} ${path} answered with something that is not JSON; is ${this.baseUrl} a Parley runtime?`);
    }
  }

  private async fetch(method: string, path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: path.endsWith('/events') ? 'text/event-stream' : 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError')
        throw new CliError(
          `parley chat: the runtime at ${this.baseUrl} did not answer ${method} ${path} within ${REQUEST_TIMEOUT_MS / 1000} s`,
        );
      throw new CliError(
        `parley chat: cannot reach the runtime at ${this.baseUrl} (${describe(error)}). Is it running? Start it with \`npm start\`.`,
      );
    }
  }

  /** Turns an error answer into a message that says what to do about it. */
  private async fail(response: Response, path: string, flowId?: string): Promise<never> {
    const body = await response.text().catch(() => '');
    let error: {
      code?: string;
      message?: string;
      details?: { issues?: Array<{ path?: string; nodeId?: string; message?: string; severity?: string }> };
    } = {};
    try {
      error = (JSON.parse(body) as { error?: typeof error }).error ?? {};
    } catch {
      // not the runtime's error format: reported by status below
    }
    if (response.status === 401) {
      throw new CliError(
        this.token
          ? `parley chat: the runtime at ${this.baseUrl} refused the admin token (401). Check --token or PARLEY_ADMIN_TOKEN.`
          : `parley chat: the runtime at ${this.baseUrl} needs an admin token (401). Pass --token <token> or set PARLEY_ADMIN_TOKEN.`,
      );
    }
    if (response.status === 404 && flowId !== undefined) {
      throw new CliError(
        `parley chat: the runtime at ${this.baseUrl} has no published flow "${flowId}". Publish it, or give the flow file to chat with it as a draft.`,
      );
    }
    if (response.status === 422 && error.details?.issues) {
      const issues = error.details.issues
        .filter((issue) => issue.severity !== 'warning')
        .slice(0, 10)
        .map((issue) => `  ${issue.path ?? ''}${issue.nodeId ? ` [${issue.nodeId}]` : ''} ${issue.message ?? ''}`);
      throw new CliError(`parley chat: the runtime refused the flow: ${error.message ?? 'it has errors'}\n${issues.join('\n')}`);
    }
    const what = error.message
      ? `${error.code ?? 'error'}: ${error.message}`
      : `HTTP ${response.status}${body ? ` ${body.slice(0, 200)}` : ''}`;
    throw new CliError(`parley chat: ${path} failed on ${this.baseUrl} (${response.status}) — ${what}`);
  }
}

/** Checks the shape of one `data:` payload; anything else is reported, not guessed at. */
export function parseEvent(data: string): SimulatorEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as Record<string, unknown>;
  if (event.type === 'bot' && typeof event.message === 'object' && event.message !== null) return value as SimulatorEvent;
  if (event.type === 'state' && typeof event.status === 'string' && typeof event.variables === 'object')
    return { visited: [], ...event } as unknown as SimulatorEvent;
  if (event.type === 'error' && typeof event.message === 'string') return value as SimulatorEvent;
  return undefined;
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
