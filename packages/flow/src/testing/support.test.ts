import { describe, expect, it } from 'vitest';
import { diffLines } from '../format/line-diff';
import { formatDiff } from './diff';
import { MockServer, urlMatches } from './mocks';
import { lintFlowTests } from './lint';
import { parseFlowTests } from './parse';
import { botMismatches, renderOutbound } from './render';

describe('formatDiff', () => {
  it('formats without colors unless asked, folding long unchanged runs', () => {
    const same = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    const text = formatDiff(diffLines([...same, 'a'], [...same, 'b']), { context: 1 });
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('… 9 matching lines');
    expect(text).toContain('- a');
    expect(text).toContain('+ b');
    expect(formatDiff(diffLines(['a'], ['b']), { color: true })).toContain('\u001b[31m- a');
  });
});

describe('MockServer', () => {
  const request = (method: string, url: string, body?: string) => ({
    type: 'http' as const,
    requestId: 'r1',
    nodeId: 'lookup',
    request: { method, url, headers: {}, timeoutMs: 1000, retries: 0, ...(body ? { body } : {}) },
  });

  it('answers the first matching mock and honours times', () => {
    const mocks = new MockServer({
      http: [
        { match: { url: '/orders/' }, status: 500, times: 1 },
        { match: { method: 'GET', url: '/\\/orders\\/\\d+$/' }, status: 200, body: { status: 'shipped' } },
      ],
    });
    expect(mocks.answerHttp(request('GET', 'https://api.test/orders/123456'))).toEqual({
      event: { type: 'http.done', requestId: 'r1', status: 500, body: null },
    });
    expect(mocks.answerHttp(request('GET', 'https://api.test/orders/123456'))).toEqual({
      event: { type: 'http.done', requestId: 'r1', status: 200, body: { status: 'shipped' } },
    });
    expect(mocks.httpCalls).toHaveLength(2);
  });

  it('fails clearly on an unmocked request, naming method, url and node', () => {
    const answer = new MockServer({ http: [{ match: { method: 'POST', url: 'crm' }, status: 201 }] }).answerHttp(
      request('GET', 'https://crm.test/x'),
    );
    expect(answer).toHaveProperty('failure');
    expect((answer as { failure: string }).failure).toMatch(/unmocked HTTP request GET https:\/\/crm\.test\/x at node "lookup"/);
  });

  it('matches on a body substring and reports network errors as http.failed', () => {
    const mocks = new MockServer({ http: [{ match: { url: 'crm', body: '"email":"a@b.co"' }, error: 'ECONNRESET' }] });
    expect(mocks.answerHttp(request('POST', 'https://crm.test', '{"email":"x@y.z"}'))).toHaveProperty('failure');
    expect(mocks.answerHttp(request('POST', 'https://crm.test', '{"email":"a@b.co"}'))).toEqual({
      event: { type: 'http.failed', requestId: 'r1', error: 'ECONNRESET' },
    });
  });

  it('answers LLM calls by prompt substring and falls back to llm.failed', () => {
    const mocks = new MockServer({ llm: [{ match: 'shipping', text: 'Ships in 2 days.' }] });
    const llm = (prompt: string) => ({ type: 'llm' as const, requestId: 'l1', nodeId: 'answer', prompt, context: {} });
    expect(mocks.answerLlm(llm('about shipping times'))).toEqual({
      event: { type: 'llm.done', requestId: 'l1', text: 'Ships in 2 days.' },
    });
    expect(mocks.answerLlm(llm('refunds'))).toMatchObject({ event: { type: 'llm.failed' } });
  });

  it('treats /…/ as a regex and anything else as a substring', () => {
    expect(urlMatches('/orders/', 'https://x/orders/1')).toBe(true);
    expect(urlMatches('/^https:\\/\\/x\\/orders\\/1$/', 'https://x/orders/1')).toBe(true);
    expect(urlMatches('/(unclosed/', 'https://x/(unclosed')).toBe(false);
  });

  it('runs /…/ regexes on the linear-time engine of flow patterns, with flags i, m and s', () => {
    const start = performance.now();
    expect(urlMatches('/(a+)+$/', `https://x/${'a'.repeat(32)}!`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(urlMatches('/ORDERS/', 'https://x/orders/1')).toBe(false);
    expect(urlMatches('/ORDERS/i', 'https://x/orders/1')).toBe(true);
    expect(urlMatches('/^b$/m', 'a\nb')).toBe(true);
    expect(urlMatches('/a.b/s', 'a\nb')).toBe(true);
    expect(urlMatches('/orders(?=\\/)/', 'https://x/orders/1'), 'RE2 has no lookahead: never matches').toBe(false);
  });
});

describe('render and match bot turns', () => {
  it('renders choices with their titles and matches buttons in order', () => {
    const message = {
      kind: 'choices' as const,
      text: 'Pick one',
      options: [
        { id: 'a', title: 'Yes' },
        { id: 'b', title: 'No' },
      ],
    };
    expect(renderOutbound(message)).toBe('bot: Pick one [Yes | No]');
    expect(botMismatches({ text: 'Pick one', buttons: ['Yes', 'No'] }, message)).toEqual([]);
    expect(botMismatches({ buttons: ['No', 'Yes'] }, message)).toEqual(['choices are [Yes, No], expected [No, Yes]']);
    expect(botMismatches({ contains: 'Pick two' }, message)[0]).toMatch(/does not contain/);
  });
});

describe('parseFlowTests', () => {
  it('accepts a well-formed file', () => {
    const result = parseFlowTests({
      flow: 'demo',
      tests: [{ name: 'hi', turns: [{ user: 'hi' }, { bot: { contains: 'Hello' } }, { expect: { ended: true } }] }],
    });
    expect(result.ok).toBe(true);
  });

  it('names the path of a turn with two kinds at once and of unknown properties', () => {
    const result = parseFlowTests({ flow: 'demo', tests: [{ name: 'x', turns: [{ user: 'hi', bot: { text: 'a' } }, { say: 'hi' }] }] });
    expect(result.ok).toBe(false);
    const paths = result.issues.map((issue) => `${issue.path} ${issue.message}`);
    expect(paths).toContain('/tests/0/turns/0 a turn has exactly one of user, tap, pick, media, location, timeout, event, bot, expect');
    expect(paths).toContain('/tests/0/turns/1 unknown property "say"');
  });

  it('rejects a mock without a status or an error', () => {
    const result = parseFlowTests({ flow: 'demo', tests: [{ name: 'x', mocks: { http: [{ match: { url: 'a' } }] }, turns: [] }] });
    expect(result.ok).toBe(false);
    expect(result.issues[0]!.path).toBe('/tests/0/mocks/http/0');
  });
});

describe('lintFlowTests', () => {
  const flow = {
    id: 'f',
    name: 'F',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'pick',
    variables: { choice: { type: 'string' as const } },
    triggers: [{ type: 'event' as const, event: 'cart.abandoned' }],
    nodes: [
      {
        id: 'pick',
        type: 'message' as const,
        text: 'Pick',
        buttons: [{ id: 'yes', title: 'Yes' }],
        exits: { yes: 'done', other: 'done', timeout: 'done' },
      },
      { id: 'done', type: 'end' as const, outcome: 'finished' },
    ],
  };

  it('names unknown button ids, node ids, variables, outcomes, events and duplicate names by pointer', () => {
    const issues = lintFlowTests(
      {
        flow: 'f',
        tests: [
          {
            name: 'a',
            trigger: { kind: 'event', name: 'cart.abandonded' },
            turns: [{ tap: 'yess' }, { expect: { waitingAt: 'pik', variables: { choise: 'yes' }, outcome: 'finish' } }],
          },
          { name: 'a', turns: [{ tap: 'yes' }, { expect: { waitingAt: 'pick', variables: { choice: 'yes' }, outcome: 'finished' } }] },
        ],
      },
      [flow],
    );
    expect(issues.map((i) => `${i.severity} ${i.path}`)).toEqual([
      'warning /tests/0/trigger/name',
      'error /tests/0/turns/0/tap',
      'error /tests/0/turns/1/expect/waitingAt',
      'warning /tests/0/turns/1/expect/variables/choise',
      'warning /tests/0/turns/1/expect/outcome',
      'error /tests/1/name',
    ]);
    expect(issues[1]!.message).toBe('no button, list row, choice or template quick-reply exit has the id "yess"');
  });

  it('reports a /regex/ mock URL the pattern engine cannot use, so the mock does not silently never match', () => {
    const issues = lintFlowTests(
      {
        flow: 'f',
        tests: [
          {
            name: 'a',
            mocks: { http: [{ match: { url: 'https://x/(?=' } }, { match: { url: '/orders\\/(\\d+)\\/\\1/' } }] },
            turns: [{ tap: 'yes' }],
          },
        ],
      },
      [flow],
    );
    expect(issues).toEqual([
      {
        severity: 'error',
        path: '/tests/0/mocks/http/1/match/url',
        message:
          "the URL regex uses a backreference `\\1`, which Parley's pattern engine (RE2) does not support; repeat the group's pattern instead",
      },
    ]);
  });
});

describe('TranscriptRecorder', () => {
  it('records turns and answered requests as a replayable test', async () => {
    const { TranscriptRecorder } = await import('./recorder');
    const recorder = new TranscriptRecorder();
    recorder.reset({ kind: 'manual' }, { id: 'c1' }, Date.UTC(2026, 0, 5));
    recorder.bot({ kind: 'choices', text: 'Pick', options: [{ id: 'a', title: 'A' }] });
    recorder.user({ tap: 'a' });
    const http = {
      type: 'http' as const,
      requestId: 'r',
      nodeId: 'n',
      request: { method: 'GET', url: 'https://x/1', headers: {}, timeoutMs: 1, retries: 1 },
    };
    recorder.answered(http, { type: 'http.done', requestId: 'r', status: 200, body: { ok: true } });
    recorder.answered(http, { type: 'http.done', requestId: 'r', status: 503, body: null });
    const test = recorder.build('t', { ended: true });
    expect(test).toEqual({
      name: 't',
      trigger: { kind: 'manual' },
      contact: { id: 'c1' },
      now: '2026-01-05T00:00:00.000Z',
      mocks: {
        http: [
          { match: { method: 'GET', url: 'https://x/1' }, status: 200, body: { ok: true }, times: 1 },
          { match: { method: 'GET', url: 'https://x/1' }, status: 503, body: null },
        ],
      },
      turns: [{ bot: { text: 'Pick', buttons: ['A'] } }, { tap: 'a' }, { expect: { ended: true } }],
    });
    expect(parseFlowTests({ flow: 'f', tests: [test] }).ok).toBe(true);
  });
});
