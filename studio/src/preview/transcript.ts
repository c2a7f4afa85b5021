/**
 * The preview conversation as data, and its conversion into a transcript test
 * (`flows/<id>.test.json`, schemas/flow-test.schema.json) — "save as test". The web
 * requests and LLM calls the preview made become the test's mocks, answered exactly as
 * the preview was, so the saved test passes at once and never reaches the network.
 */
import type { InboundMessage, OutboundMessage } from '@parley/flow';
import type { SimulatorHttpEvent, SimulatorLlmEvent, Understanding } from '@parley/contract';

export interface StateEvent {
  type: 'state';
  status: string;
  waitingAt?: string | null;
  variables: Record<string, unknown>;
  understanding?: Understanding;
  visited?: string[];
}

/** Simulator `http` event: a web request and the answer the flow got (or why it failed). */
export type HttpEvent = SimulatorHttpEvent;

/** Simulator `llm` event: the prompt and the model's text (or why it failed). */
export type LlmEvent = SimulatorLlmEvent;

/** The chat as it streamed in; `state` entries are not drawn but describe the turn around them. */
export type ChatTurn =
  | { from: 'http'; event: HttpEvent }
  | { from: 'llm'; event: LlmEvent }
  | { from: 'user'; message: InboundMessage; label: string }
  | { from: 'user-timeout' }
  /** `notSent`: held back because the 24-hour window was closed (the preview's "24 h later" switch). */
  | { from: 'bot'; message: OutboundMessage; nodeId?: string; notSent?: 'window_closed' }
  | { from: 'state'; state: StateEvent }
  | { from: 'system'; text: string };

/**
 * The state that describes the turn at `index`: the last state event between the
 * previous and the next user action (the runtime may send it before or after the
 * bot messages of that step).
 */
export function stateForTurn(turns: ChatTurn[], index: number): StateEvent | undefined {
  const isUser = (t: ChatTurn) => t.from === 'user' || t.from === 'user-timeout';
  let end = index + 1;
  while (end < turns.length && !isUser(turns[end]!)) end++;
  let start = index;
  while (start > 0 && !isUser(turns[start - 1]!) && !isUser(turns[start]!)) start--;
  for (let i = end - 1; i >= start; i--) {
    const t = turns[i]!;
    if (t.from === 'state') return t.state;
  }
  return undefined;
}

type TestTurn = Record<string, unknown>;
type Mock = Record<string, unknown>;

export interface TranscriptTest {
  name: string;
  now?: string;
  mocks?: { http?: Mock[]; llm?: Mock[] };
  turns: TestTurn[];
}

/** `startedAt`: when the preview session began; the test's virtual clock starts there, so dates replay the same. */
export function toTranscriptTest(name: string, turns: ChatTurn[], finalState?: StateEvent, startedAt?: Date): TranscriptTest {
  const out: TestTurn[] = [];
  const { http, llm } = recordedMocks(turns);
  for (const t of turns) {
    if (t.from === 'user') {
      const m = t.message;
      if (m.kind === 'button' && m.choiceId) out.push({ tap: m.choiceId });
      else if (m.kind === 'list' && m.choiceId) out.push({ pick: m.choiceId });
      else if (m.kind === 'location' && m.location) out.push({ location: m.location });
      else if (m.kind === 'media' && m.media) out.push({ media: m.media });
      else out.push({ user: m.text ?? '' });
    } else if (t.from === 'user-timeout') {
      out.push({ timeout: true });
    } else if (t.from === 'bot') {
      out.push({ bot: botExpectation(t.message) });
    }
  }
  if (finalState) {
    const expect: Record<string, unknown> = {};
    if (finalState.status === 'ended') expect.ended = true;
    else if (finalState.status === 'handoff') expect.handoff = true;
    else if (finalState.waitingAt) expect.waitingAt = finalState.waitingAt;
    const vars = Object.fromEntries(Object.entries(finalState.variables ?? {}).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(vars).length) expect.variables = vars;
    if (Object.keys(expect).length) out.push({ expect });
  }
  const mocks = { ...(http.length ? { http } : {}), ...(llm.length ? { llm } : {}) };
  return { name, ...(startedAt ? { now: startedAt.toISOString() } : {}), ...(Object.keys(mocks).length ? { mocks } : {}), turns: out };
}

const MOCK_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Per-connection headers say nothing about the answer and change on every request. */
const TRANSIENT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * One mock per request, in the order they were answered (a request seen twice, e.g. re-run
 * after a lost worker, counts once). The runner tries mocks in order and a `times: 1` mock is
 * used up, so repeated calls to one URL replay their answers in sequence. An answer a retry
 * would repeat (a network error, 429, 5xx) stays for every attempt, like the CLI recorder does.
 */
function recordedMocks(turns: ChatTurn[]): { http: Mock[]; llm: Mock[] } {
  const seen = new Set<string>();
  const http: Mock[] = [];
  const llm: Mock[] = [];
  for (const t of turns) {
    if (t.from !== 'http' && t.from !== 'llm') continue;
    if (seen.has(t.event.requestId)) continue;
    seen.add(t.event.requestId);
    if (t.from === 'http') {
      const { request, result } = t.event;
      const method = request.method.toUpperCase();
      const match = { ...(MOCK_METHODS.has(method) ? { method } : {}), url: request.url };
      if ('error' in result) {
        http.push({ match, error: result.error });
      } else {
        const headers = Object.fromEntries(Object.entries(result.headers).filter(([k]) => !TRANSIENT_HEADERS.has(k.toLowerCase())));
        const retryable = result.status === 429 || result.status >= 500;
        http.push({
          match,
          status: result.status,
          body: result.body ?? null,
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(retryable ? {} : { times: 1 }),
        });
      }
    } else if ('text' in t.event.result) {
      // A failed LLM call needs no mock: an unanswered call fails the same way in a test.
      llm.push({ match: t.event.prompt.slice(0, 80), text: t.event.result.text, times: 1 });
    }
  }
  return { http, llm };
}

function botExpectation(m: OutboundMessage): Record<string, unknown> {
  switch (m.kind) {
    case 'text':
      return { text: m.text };
    case 'choices':
      return { text: m.text, buttons: m.options.map((o) => o.title) };
    case 'template':
      return { template: m.name };
    case 'media':
      return { media: m.media.type };
  }
}
