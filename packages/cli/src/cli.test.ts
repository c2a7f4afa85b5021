/**
 * The `parley` command, tested the way people use it: by spawning bin/parley.mjs.
 * Scratch flows live in a temporary folder; the example flows are read in place.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repoRoot, 'packages/cli/bin/parley.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'parley-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function parley(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PARLEY_DEBUG: '' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: result.stdout + result.stderr };
}

/** The same command in-process (no tsx start-up): fast, for the many bad-input cases. */
async function parleyInProcess(args: string[], options: { input?: string; env?: Record<string, string>; interactive?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    color: false,
    interactive: options.interactive ?? false,
    stdin: Readable.from([options.input ?? '']),
    cwd: repoRoot,
    env: options.env ?? {},
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

/** A spawned CLI pays tsx's start-up; on a busy CI machine that can take seconds. */
const SPAWNED = { timeout: 60_000 };

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

const minimalFlow = {
  id: 'mini',
  name: 'Mini',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', text: 'Hello!', exits: { next: 'name' } },
    { id: 'name', type: 'ask', prompt: 'Your name?', expect: 'text', saveAs: 'name', exits: { next: 'bye' } },
    { id: 'bye', type: 'message', text: 'Bye {{name}}', exits: { next: 'done' } },
    { id: 'done', type: 'end' },
  ],
  variables: { name: { type: 'string' } },
};

function writeScratch(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** mini.flow.json with one passing and one failing transcript test. */
function writeMiniTests(): string {
  writeScratch('mini.flow.json', JSON.stringify(minimalFlow));
  const tests = {
    flow: 'mini',
    tests: [
      {
        name: 'greets by name',
        turns: [
          { bot: { text: 'Hello!' } },
          { bot: { text: 'Your name?' } },
          { user: 'Ada' },
          { bot: { text: 'Bye Ada' } },
          { expect: { ended: true } },
        ],
      },
      { name: 'wrong greeting', turns: [{ bot: { text: 'Howdy!' } }, { bot: { text: 'Your name?' } }] },
    ],
  };
  return writeScratch('mini.test.json', JSON.stringify(tests));
}

describe('parley (top level)', () => {
  it('prints help with every command and exits 0', SPAWNED, () => {
    const run = parley(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['validate', 'test', 'chat', 'compile', 'format', 'new', 'migrate', 'nlu']) expect(run.stdout).toContain(command);
  });

  it('exits 2 on no command, an unknown command or an unknown option', async () => {
    expect((await parleyInProcess([])).code).toBe(2);
    const unknown = await parleyInProcess(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const option = await parleyInProcess(['validate', '--frob']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--frob'");
  });
});

describe('parley validate', () => {
  it('passes the example flows', SPAWNED, () => {
    const run = parley(['validate', 'flows']);
    expect(run.all).toContain('6 flows checked: 0 errors');
    expect(run.code).toBe(0);
  });

  it('reports invalid JSON with line and column, without a stack trace', SPAWNED, () => {
    const path = writeScratch('broken.flow.json', '{\n  "id": "broken",\n  "name": "x",,\n}');
    const run = parley(['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/broken\.flow\.json:3:\d+ error /);
    noStackTrace(run.all);
  });

  it('names the JSON pointer and node id of schema and reference errors', async () => {
    const flow = structuredClone(minimalFlow) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    flow.id = 'bad-refs';
    flow.nodes[0] = { id: 'hello', type: 'mesage', text: 'Hi', exits: { next: 'name' } };
    flow.nodes[1]!.exits = { next: 'nowhere' };
    const path = writeScratch('bad-refs.flow.json', JSON.stringify(flow));
    const run = await parleyInProcess(['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad-refs\.flow\.json:\/nodes\/0.* error .*mesage/);
    noStackTrace(run.all);
  });

  it('checks test files against their flow: unknown ids by JSON pointer', async () => {
    const folder = mkdtempSync(join(scratch, 'lint-'));
    writeFileSync(join(folder, 'mini.flow.json'), JSON.stringify(minimalFlow));
    writeFileSync(
      join(folder, 'mini.test.json'),
      JSON.stringify({ flow: 'mini', tests: [{ name: 'typo', turns: [{ expect: { waitingAt: 'nmae' } }] }] }),
    );
    const run = await parleyInProcess(['validate', folder]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/mini\.test\.json:\/tests\/0\/turns\/0\/expect\/waitingAt error "nmae" is not a node of the flow/);
  });

  it('--json lists issues with file, pointer, node id and code', async () => {
    const flow = structuredClone(minimalFlow) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    flow.id = 'json-refs';
    flow.nodes[1]!.exits = { next: 'nowhere' };
    const path = writeScratch('json-refs.flow.json', JSON.stringify(flow));
    const run = await parleyInProcess(['validate', path, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { errors: number; issues: Array<Record<string, unknown>> };
    expect(report.errors).toBeGreaterThan(0);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', path: '/nodes/1/exits/next', nodeId: 'name', code: 'dangling-exit' }),
    );
  });

  it('refuses huge files before reading them and reports missing paths as usage errors', async () => {
    const huge = writeScratch('huge.flow.json', `{"id":"huge","pad":"${'x'.repeat(6 * 1024 * 1024)}"}`);
    const run = await parleyInProcess(['validate', huge]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/the limit is 5 MB/);
    const missing = await parleyInProcess(['validate', 'flows/does-not-exist.flow.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('flows/does-not-exist.flow.json: no such file or folder');
  });
});

describe('parley test', () => {
  it('runs the example transcripts green with a summary line', async () => {
    const run = await parleyInProcess(['test', 'flows/order-status.test.json']);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  it('--no-vectors (or PARLEY_NLU_VECTORS=0) runs the transcripts without the word vectors too', async () => {
    const run = await parleyInProcess(['test', 'flows/support-faq.test.json', '--no-vectors']);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(run.code).toBe(0);
    expect((await parleyInProcess(['test', 'flows/order-status.test.json'], { env: { PARLEY_NLU_VECTORS: '0' } })).code).toBe(0);
  });

  it('fails with a readable diff of expected vs actual turns', SPAWNED, () => {
    writeMiniTests();
    const run = parley(['test', join(scratch, 'mini.test.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 passed, 1 failed');
    expect(run.stdout).toContain('- bot: Howdy!');
    expect(run.stdout).toContain('+ bot: Hello!');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('--json reports every test with its failures and diff', async () => {
    const run = await parleyInProcess(['test', writeMiniTests(), '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      passed: number;
      failed: number;
      files: Array<{ tests: Array<{ name: string; passed: boolean; diff: string }> }>;
    };
    expect(report).toMatchObject({ passed: 1, failed: 1 });
    expect(report.files[0]!.tests[1]).toMatchObject({ name: 'wrong greeting', passed: false });
    expect(report.files[0]!.tests[1]!.diff).toContain('- bot: Howdy!');
  });

  it('reports a test file that breaks the schema with its JSON pointer', async () => {
    writeScratch('mini.flow.json', JSON.stringify(minimalFlow));
    const path = writeScratch('schema.test.json', JSON.stringify({ flow: 'mini', tests: [{ name: 'x', turns: [{ say: 'hi' }] }] }));
    const run = await parleyInProcess(['test', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/tests/0/turns/0 unknown property "say"');
  });
});

describe('parley chat', () => {
  it('talks to a flow from a piped script: numbered choices, mocked HTTP, /vars and /quit', SPAWNED, () => {
    const run = parley(['chat', 'flows/order-status.flow.json'], { input: '123456\n2\n/vars\n/quit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("What's your order number?");
    expect(run.stdout).toContain('has shipped with DHL');
    expect(run.stdout).toMatch(/1\. Another order\s+2\. No, thanks/);
    expect(run.stdout).toContain('Happy to help. Have a great day!');
    expect(run.stdout).toContain('"order_id": "123456"');
    expect(run.stdout).toMatch(/http GET https:\/\/shop\.example\.com\/api\/orders\?number=123456 → 200 \(mock/);
  });

  it('fires timers with /timeout, restarts with /restart and explains understanding with /why', async () => {
    const run = await parleyInProcess(['chat', 'flows/abandoned-cart.flow.json'], {
      input: '/timeout soft_timeout\n/restart\nany coupon?\n/why\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Still thinking it over?');
    expect(run.stdout).toContain('use code SAVE10');
    expect(run.stdout).toMatch(/intent: discount \(0\.\d+, rules\)/);
  });

  it('fails an unmocked HTTP call clearly (as a network error) without --allow-http', async () => {
    const flow = {
      id: 'web',
      name: 'Web',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'call',
      nodes: [
        { id: 'call', type: 'http', method: 'GET', url: 'https://api.example.invalid/status', exits: { success: 'ok', failure: 'down' } },
        { id: 'ok', type: 'message', text: 'It works', exits: { next: null } },
        { id: 'down', type: 'message', text: 'Lookup failed', exits: { next: null } },
      ],
    };
    const run = await parleyInProcess(['chat', writeScratch('web.flow.json', JSON.stringify(flow))], { input: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /http GET https:\/\/api\.example\.invalid\/status: no mock for it in the flow's test file and --allow-http is off/,
    );
    expect(run.stdout).toContain('Lookup failed');
  });

  it('/save records the conversation as a transcript test that passes', async () => {
    const folder = mkdtempSync(join(scratch, 'save-'));
    writeFileSync(join(folder, 'mini.flow.json'), JSON.stringify(minimalFlow));
    const run = await parleyInProcess(['chat', join(folder, 'mini.flow.json')], { input: 'Ada\n/save greets Ada\n' });
    expect(run.stdout).toMatch(/saved test "greets Ada" \(\d+ turns\) to .*mini\.test\.json; it passes/);
    const saved = JSON.parse(readFileSync(join(folder, 'mini.test.json'), 'utf8'));
    expect(saved.tests[0].turns).toEqual([
      { bot: { text: 'Hello!' } },
      { bot: { text: 'Your name?' } },
      { user: 'Ada' },
      { bot: { text: 'Bye Ada' } },
      { expect: { ended: true, outcome: 'completed' } },
    ]);
    expect((await parleyInProcess(['test', folder])).stdout).toContain('1 passed, 0 failed');
  });

  it('--allow-http calls the real URL, and PARLEY_LLM_URL answers llm nodes', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.setHeader('content-type', 'application/json');
      if (request.url === '/v1/chat/completions')
        response.end(JSON.stringify({ choices: [{ message: { content: 'A generated answer.' } }] }));
      else response.end(JSON.stringify({ status: 'open' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const flow = {
        id: 'live',
        name: 'Live',
        specVersion: '1.0.0',
        revision: 1,
        languages: ['en'],
        start: 'call',
        variables: { state: { type: 'string' } },
        nodes: [
          {
            id: 'call',
            type: 'http',
            method: 'GET',
            url: `${base}/status`,
            map: { state: 'body.status' },
            exits: { success: 'said', failure: 'said' },
          },
          { id: 'said', type: 'message', text: 'The shop is {{state}}', exits: { next: 'ai' } },
          { id: 'ai', type: 'llm', prompt: 'Say something', fallback: 'Fallback text', exits: { next: null } },
        ],
      };
      const path = writeScratch('live.flow.json', JSON.stringify(flow));
      const run = await parleyInProcess(['chat', path, '--allow-http'], { env: { PARLEY_LLM_URL: `${base}/v1/chat/completions` } });
      expect(run.stdout).toContain('The shop is open');
      expect(run.stdout).toContain('A generated answer.');
      expect(requests).toEqual(['GET /status', 'POST /v1/chat/completions']);
      const offline = await parleyInProcess(['chat', path]);
      expect(offline.stdout).toContain('Fallback text');
      expect(offline.stdout).toContain('llm: not configured');
    } finally {
      server.close();
    }
  });

  it('on a terminal without a flow, offers the flows in flows/ to choose from', async () => {
    const run = await parleyInProcess(['chat'], { input: '5\n', interactive: true });
    expect(run.stdout).toMatch(/5\. order-status — Order status lookup/);
    expect(run.stdout).toContain("What's your order number?");
    expect(run.code).toBe(0);
  });

  it('needs exactly one flow', async () => {
    const run = await parleyInProcess(['chat']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give exactly one flow file');
  });
});

describe('parley compile and migrate', () => {
  it('compile prints the machine config and statistics as JSON', async () => {
    const run = await parleyInProcess(['compile', 'flows/support-faq.flow.json']);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { stats: { nodes: number } };
    const flow = JSON.parse(readFileSync(join(repoRoot, 'flows/support-faq.flow.json'), 'utf8')) as { nodes: unknown[] };
    expect(output.stats.nodes).toBe(flow.nodes.length);
  });

  it('migrate prints a 0.9 draft upgraded to the current spec; --write rewrites it; then it is a no-op', async () => {
    const draft = {
      id: 'hello',
      version: '0.9.0',
      start: 'say_hi',
      nodes: { say_hi: { type: 'message', text: 'Hello!', next: 'bye' }, bye: { type: 'end' } },
    };
    const path = writeScratch('hello.flow.json', JSON.stringify(draft));
    const printed = await parleyInProcess(['migrate', path]);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('applied 0.9.0 → 1.0.0');
    expect(JSON.parse(printed.stdout)).toMatchObject({
      id: 'hello',
      specVersion: '1.0.0',
      nodes: [{ id: 'say_hi', exits: { next: 'bye' } }, { id: 'bye' }],
    });
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe('0.9.0');
    expect((await parleyInProcess(['migrate', path, '--write'])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(printed.stdout);
    const again = await parleyInProcess(['migrate', path]);
    expect(again.stderr).toContain('already at spec 1.0.0');
  });

  it('format --check passes the example flows and catches a reformatted copy; format fixes it', async () => {
    expect((await parleyInProcess(['format', '--check', 'flows'])).code).toBe(0);
    const folder = mkdtempSync(join(scratch, 'fmt-'));
    const flow = JSON.parse(readFileSync(join(repoRoot, 'flows/order-status.flow.json'), 'utf8'));
    writeFileSync(join(folder, 'order-status.flow.json'), JSON.stringify(flow));
    const check = await parleyInProcess(['format', '--check', folder]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('order-status.flow.json: not in the stable format');
    expect((await parleyInProcess(['format', folder])).code).toBe(0);
    expect(readFileSync(join(folder, 'order-status.flow.json'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'flows/order-status.flow.json'), 'utf8'),
    );
  });

  it('new creates a starter flow, layout and test that validate and pass, and never overwrites', async () => {
    const folder = mkdtempSync(join(scratch, 'new-'));
    expect((await parleyInProcess(['new', 'welcome-tour', '--dir', folder])).code).toBe(0);
    expect((await parleyInProcess(['validate', folder])).stdout).toContain('1 flow checked: 0 errors, 0 warnings');
    expect((await parleyInProcess(['test', folder])).stdout).toContain('2 passed, 0 failed');
    const again = await parleyInProcess(['new', 'welcome-tour', '--dir', folder]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exist');
    expect((await parleyInProcess(['new', 'Bad Id!', '--dir', folder])).code).toBe(2);
  });

  it('migrate refuses a flow from a future spec version', async () => {
    const path = writeScratch('future.flow.json', JSON.stringify({ id: 'f', specVersion: '9.0.0' }));
    const run = await parleyInProcess(['migrate', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/future\.flow\.json:\/specVersion error .*newer than the 1\.0\.0/);
    noStackTrace(run.all);
  });
});
