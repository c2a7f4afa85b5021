/**
 * Answers the engine's `http` and `llm` effects from a test's mocks. Mocks are tried in
 * file order; the first one that matches and still has uses left answers. This lets a
 * test script "fail once, then succeed" with `times: 1` on the first mock.
 */
import { compilePattern, type CompiledPattern } from '@parley/nlu';
import type { Effect, EngineEvent } from '../engine/contract';
import type { HttpMock, LlmMock, TestMocks } from './types';

type HttpEffect = Extract<Effect, { type: 'http' }>;
type LlmEffect = Extract<Effect, { type: 'llm' }>;

export type MockAnswer = { event: EngineEvent } | { failure: string };

/**
 * `/regex/` (optionally with flags i, m, s, u: `/regex/i`) or a plain substring. The regex runs
 * on the flows' own pattern engine (RE2, linear time); one it cannot use never matches.
 */
export function urlMatches(pattern: string, url: string): boolean {
  const compiled = urlRegex(pattern);
  if (!compiled) return url.includes(pattern);
  return compiled.ok && compiled.pattern.test(url);
}

/** Why a `/regex/` mock URL can never match (for the test lint), or null. */
export function urlPatternProblem(pattern: string): string | null {
  const compiled = urlRegex(pattern);
  return compiled && !compiled.ok ? `the URL regex ${compiled.problem.message}` : null;
}

/** The compiled regex of a `/regex/flags` mock URL; undefined when it is a plain substring. */
function urlRegex(pattern: string): CompiledPattern | undefined {
  const regex = /^\/(.+)\/([imsu]*)$/s.exec(pattern);
  if (!regex) return undefined;
  const flags = regex[2]!;
  return compilePattern(regex[1]!, { caseSensitive: !flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') });
}

export class MockServer {
  private readonly httpUses: number[];
  private readonly llmUses: number[];
  /** Every HTTP request the flow made, for `expect.httpCalls` and the transcript. */
  readonly httpCalls: HttpEffect['request'][] = [];

  constructor(private readonly mocks: TestMocks = {}) {
    this.httpUses = (mocks.http ?? []).map(() => 0);
    this.llmUses = (mocks.llm ?? []).map(() => 0);
  }

  answerHttp(effect: HttpEffect): MockAnswer {
    const { request } = effect;
    this.httpCalls.push(request);
    const list = this.mocks.http ?? [];
    const index = list.findIndex((mock, i) => this.available(mock, this.httpUses[i]!) && httpMatches(mock, request));
    if (index < 0) {
      const bodyNote = request.body ? ` with body ${truncate(request.body, 120)}` : '';
      return {
        failure:
          `unmocked HTTP request ${request.method} ${request.url}${bodyNote} at node "${effect.nodeId}": ` +
          `add a mock { "match": { "method": "${request.method}", "url": "…" }, "status": 200, "body": … } to this test`,
      };
    }
    this.httpUses[index]!++;
    const mock = list[index]!;
    if (mock.error !== undefined) return { event: { type: 'http.failed', requestId: effect.requestId, error: mock.error } };
    return {
      event: {
        type: 'http.done',
        requestId: effect.requestId,
        status: mock.status ?? 200,
        body: mock.body ?? null,
        ...(mock.headers ? { headers: mock.headers } : {}),
      },
    };
  }

  /** An unmocked LLM call fails the way an unconfigured LLM does, so the node's fallback text is used. */
  answerLlm(effect: LlmEffect): MockAnswer {
    const list = this.mocks.llm ?? [];
    const index = list.findIndex(
      (mock, i) => this.available(mock, this.llmUses[i]!) && (mock.match === undefined || effect.prompt.includes(mock.match)),
    );
    if (index < 0) return { event: { type: 'llm.failed', requestId: effect.requestId, error: 'no LLM mock in this test' } };
    this.llmUses[index]!++;
    const mock = list[index]!;
    if (mock.error !== undefined) return { event: { type: 'llm.failed', requestId: effect.requestId, error: mock.error } };
    return { event: { type: 'llm.done', requestId: effect.requestId, text: mock.text ?? '' } };
  }

  private available(mock: HttpMock | LlmMock, uses: number): boolean {
    return mock.times === undefined || uses < mock.times;
  }
}

/** Worth retrying: a network failure, 429 or a 5xx — as the runtime's HTTP performer decides. */
export function isRetryable(event: EngineEvent): boolean {
  return event.type === 'http.failed' || (event.type === 'http.done' && (event.status === 429 || event.status >= 500));
}

function httpMatches(mock: HttpMock, request: HttpEffect['request']): boolean {
  if (mock.match.method && mock.match.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (!urlMatches(mock.match.url, request.url)) return false;
  if (mock.match.body !== undefined && !(request.body ?? '').includes(mock.match.body)) return false;
  return true;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
