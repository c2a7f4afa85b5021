import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { formatDiff } from './diff';
import { runFlowTest } from './runner';
import type { FlowTest } from './types';

const flow: Flow = {
  id: 'shop',
  name: 'Shop',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'hello',
  variables: { name: { type: 'string' }, status: { type: 'string' }, code: { type: 'number' }, answer: { type: 'string' } },
  nodes: [
    { id: 'hello', type: 'message', text: 'Hello!', exits: { next: 'ask_name' } },
    {
      id: 'ask_name',
      type: 'ask',
      prompt: 'Your name?',
      expect: 'text',
      saveAs: 'name',
      timeout: '10m',
      exits: { next: 'menu', timeout: 'gone' },
    },
    {
      id: 'menu',
      type: 'message',
      text: 'Hi {{name}}, what now?',
      buttons: [
        { id: 'lookup', title: 'Check order' },
        { id: 'ask_ai', title: 'Ask a question' },
      ],
      exits: { lookup: 'call', ask_ai: 'ai', other: 'menu', timeout: 'gone' },
    },
    {
      id: 'call',
      type: 'http',
      method: 'GET',
      url: 'https://api.test/orders/{{name}}',
      retries: 1,
      map: { status: 'body.status', code: 'status' },
      exits: { success: 'done_msg', failure: 'failed_msg' },
    },
    { id: 'done_msg', type: 'message', text: 'Order is {{status}}', exits: { next: 'end' } },
    { id: 'failed_msg', type: 'message', text: 'Lookup failed', exits: { next: 'end' } },
    { id: 'ai', type: 'llm', prompt: 'Answer kindly', saveAs: 'answer', fallback: 'Sorry, no answers right now.', exits: { next: 'end' } },
    { id: 'gone', type: 'message', text: 'Bye for now', exits: { next: 'end' } },
    { id: 'end', type: 'end', outcome: 'finished' },
  ],
};

const intro = [
  { bot: { text: 'Hello!' } },
  { bot: { text: 'Your name?' } },
  { user: 'ada' },
  { bot: { text: 'Hi ada, what now?', buttons: ['Check order', 'Ask a question'] } },
];

function run(test: Omit<FlowTest, 'name'>) {
  return runFlowTest(flow, { name: 't', ...test });
}

describe('runFlowTest', () => {
  it('passes a transcript that matches, checking variables and the end', () => {
    const result = run({
      mocks: { http: [{ match: { url: '/orders/ada' }, status: 200, body: { status: 'shipped' } }] },
      turns: [
        ...intro,
        { tap: 'lookup' },
        { bot: { text: 'Order is shipped' } },
        { expect: { ended: true, outcome: 'finished', variables: { status: 'shipped', code: 200 }, httpCalls: 1 } },
      ],
    });
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.diff).toEqual([]);
    expect(result.actual).toContain('user: [tap lookup]');
  });

  it('reports a different bot text with the turn, the node and a diff', () => {
    const result = run({ turns: [{ bot: { text: 'Howdy!' } }, { bot: { text: 'Your name?' } }] });
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toBe('turn 1: bot message from node "hello": text is "Hello!", expected "Howdy!"');
    const diff = formatDiff(result.diff);
    expect(diff).toContain('- bot: Howdy!');
    expect(diff).toContain('+ bot: Hello!');
    expect(diff).toContain('  bot: Your name?');
  });

  it('fails on bot messages nobody expected and on expected messages never sent', () => {
    const extra = run({ turns: [{ bot: { text: 'Hello!' } }, { user: 'ada' }] });
    expect(extra.failures[0]).toBe('unexpected bot message before turn 2 from node "ask_name": bot: Your name?');
    const missing = run({ turns: [{ bot: { text: 'Hello!' } }, { bot: { text: 'Your name?' } }, { bot: { text: 'More?' } }] });
    expect(missing.failures[0]).toMatch(
      /turn 3: expected a bot message \(bot: More\?\) but the bot sent nothing more \(status waiting, waiting at "ask_name"\)/,
    );
  });

  it('stops at an unmocked HTTP request, naming it, and shows the turns that never ran', () => {
    const result = run({ turns: [...intro, { tap: 'lookup' }, { bot: { text: 'Order is shipped' } }] });
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toMatch(/turn 5: unmocked HTTP request GET https:\/\/api\.test\/orders\/ada at node "call"/);
    expect(formatDiff(result.diff)).toContain('- bot: Order is shipped');
  });

  it('retries a failing request like the host does, counting each attempt', () => {
    const result = run({
      mocks: {
        http: [
          { match: { url: '/orders/' }, error: 'ECONNRESET', times: 1 },
          { match: { url: '/orders/' }, status: 200, body: { status: 'packed' } },
        ],
      },
      turns: [...intro, { tap: 'lookup' }, { bot: { text: 'Order is packed' } }, { expect: { httpCalls: 2 } }],
    });
    expect(result.failures).toEqual([]);
    const down = run({
      mocks: { http: [{ match: { url: '/orders/' }, status: 503 }] },
      turns: [...intro, { tap: 'lookup' }, { bot: { text: 'Lookup failed' } }, { expect: { httpCalls: 2 } }],
    });
    expect(down.failures).toEqual([]);
  });

  it('refuses to tap a button the bot does not offer', () => {
    const result = run({ turns: [...intro, { tap: 'refund' }] });
    expect(result.failures[0]).toBe('turn 5: cannot tap "refund": the bot offers lookup, ask_ai (status waiting, waiting at "menu")');
  });

  it('fires timers only on timeout turns, and fails when none is pending', () => {
    const result = run({
      turns: [
        { bot: { text: 'Hello!' } },
        { bot: { text: 'Your name?' } },
        { timeout: 'ask_timeout' },
        { bot: { text: 'Bye for now' } },
        { expect: { ended: true } },
      ],
    });
    expect(result.failures).toEqual([]);
    const none = run({ turns: [{ bot: { text: 'Hello!' } }, { bot: { text: 'Your name?' } }, { timeout: 'wait' }] });
    expect(none.failures[0]).toMatch(/turn 3: no wait timer is pending/);
  });

  it('shows variable mismatches as expect lines in the diff', () => {
    const result = run({ turns: [...intro, { expect: { variables: { name: 'grace' }, waitingAt: 'menu' } }] });
    expect(result.failures).toEqual(['turn 5: variables.name is "ada", expected "grace"']);
    expect(result.diff).toContainEqual({ op: '-', text: 'expect variables.name = "grace"' });
    expect(result.diff).toContainEqual({ op: '+', text: 'expect variables.name = "ada"' });
  });

  it('answers LLM calls from mocks and falls back when unmocked', () => {
    const mocked = run({
      mocks: { llm: [{ match: 'kindly', text: 'Here to help!' }] },
      turns: [...intro, { tap: 'ask_ai' }, { bot: { text: 'Here to help!' } }, { expect: { variables: { answer: 'Here to help!' } } }],
    });
    expect(mocked.failures).toEqual([]);
    const fallback = run({ turns: [...intro, { tap: 'ask_ai' }, { bot: { text: 'Sorry, no answers right now.' } }] });
    expect(fallback.failures).toEqual([]);
  });

  it('runs subflows found through the resolver', () => {
    const child: Flow = {
      id: 'child',
      name: 'Child',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'c1',
      variables: { picked: { type: 'string' } },
      nodes: [{ id: 'c1', type: 'ask', prompt: 'Pick a colour', expect: 'text', saveAs: 'picked', exits: { next: null } }],
    };
    const parent: Flow = {
      id: 'parent',
      name: 'Parent',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'call',
      variables: { colour: { type: 'string' } },
      nodes: [
        { id: 'call', type: 'subflow', flow: 'child', returns: { colour: 'picked' }, exits: { next: 'said' } },
        { id: 'said', type: 'message', text: 'You picked {{colour}}', exits: { next: null } },
      ],
    };
    const result = runFlowTest(
      parent,
      {
        name: 'sub',
        turns: [
          { bot: { text: 'Pick a colour' } },
          { user: 'teal' },
          { bot: { text: 'You picked teal' } },
          { expect: { variables: { colour: 'teal' } } },
        ],
      },
      { resolveFlow: (id) => (id === 'child' ? child : undefined) },
    );
    expect(result.failures).toEqual([]);
  });
});

describe('runFlowTest events', () => {
  it('a start event restarts the conversation from the top', () => {
    const result = runFlowTest(flow, {
      name: 'restart',
      turns: [
        ...intro,
        { event: { type: 'start' } },
        { bot: { text: 'Hello!' } },
        { bot: { text: 'Your name?' } },
        { expect: { waitingAt: 'ask_name' } },
      ],
    });
    expect(result.failures).toEqual([]);
  });
});

describe('runFlowTest failures outside the transcript', () => {
  it('an unmocked request at the start leaves every turn as expected-but-missing', () => {
    const startsWithCall: Flow = { ...flow, start: 'call' };
    const result = runFlowTest(startsWithCall, { name: 'x', turns: [{ bot: { text: 'Order is shipped' } }] });
    expect(result.failures[0]).toMatch(/^the start: unmocked HTTP request GET/);
    expect(result.diff).toContainEqual({ op: '-', text: 'bot: Order is shipped' });
  });

  it('an understander that throws fails the test with a sentence instead of crashing the run', () => {
    const result = runFlowTest(
      flow,
      { name: 'x', turns: [...intro] },
      {
        understand: () => {
          throw new Error('model missing');
        },
      },
    );
    expect(result.passed).toBe(false);
    expect(result.failures).toContain('internal error while running the test: model missing');
  });
});

describe('flowCoverage', () => {
  it('reports the nodes and exits no test reached', async () => {
    const { flowCoverage } = await import('./coverage');
    const result = run({
      mocks: { http: [{ match: { url: '/orders/' }, status: 200, body: { status: 'x' } }] },
      turns: [...intro, { tap: 'lookup' }, { bot: { text: 'Order is x' } }],
    });
    const coverage = flowCoverage(flow, [result]);
    expect(coverage.nodes.missing).toEqual(['failed_msg', 'ai', 'gone']);
    expect(coverage.exits.missing).toContain('menu→ask_ai');
    expect(coverage.exits.missing).not.toContain('menu→lookup');
  });
});
