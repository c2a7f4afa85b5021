/**
 * `parley chat --server`, against the real runtime started as a child process (in-memory
 * stores, a temporary flows folder), plus a fake server for a stream that drops.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { freePort, launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { parseEvent } from './runtime-client';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const scratch = mkdtempSync(join(tmpdir(), 'parley-chat-server-'));

const miniFlow = {
  id: 'mini',
  name: 'Mini',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'hello',
  variables: { name: { type: 'string' } },
  nodes: [
    { id: 'hello', type: 'message', text: 'Hello!', exits: { next: 'name' } },
    { id: 'name', type: 'ask', prompt: 'Your name?', expect: 'text', saveAs: 'name', exits: { next: 'bye' } },
    { id: 'bye', type: 'message', text: 'Bye {{name}}', exits: { next: 'done' } },
    { id: 'done', type: 'end' },
  ],
};

/** A draft (not in the runtime's folder): buttons, then a question with a timeout. */
const pickFlow = {
  id: 'pick',
  name: 'Pick',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'menu',
  variables: { qty: { type: 'string' } },
  nodes: [
    {
      id: 'menu',
      type: 'message',
      text: 'Apples or bananas?',
      buttons: [
        { id: 'apples', title: 'Apples' },
        { id: 'bananas', title: 'Bananas' },
      ],
      exits: { apples: 'qty', bananas: 'qty', other: null, timeout: null },
    },
    {
      id: 'qty',
      type: 'ask',
      prompt: 'How many?',
      expect: 'text',
      saveAs: 'qty',
      timeout: '10m',
      exits: { next: 'thanks', invalid: null, timeout: 'slow' },
    },
    { id: 'thanks', type: 'message', text: 'Got {{qty}}.', exits: { next: 'done' } },
    { id: 'slow', type: 'message', text: 'Too slow, bye.', exits: { next: 'done' } },
    { id: 'done', type: 'end' },
  ],
};

let runtime: LaunchedRuntime;
beforeAll(async () => {
  runtime = await launchRuntime({ flowFiles: { 'mini.flow.json': JSON.stringify(miniFlow, null, 2) }, env: { PARLEY_NLU_VECTORS: '0' } });
}, 40_000);
afterAll(async () => {
  await runtime?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function chat(args: string[], input: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['chat', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    color: false,
    interactive: false,
    stdin: Readable.from([input]),
    cwd: repoRoot,
    env,
  });
  return { code, stdout, stderr };
}

/** The lines appear in this order (other lines may come between them). */
function expectInOrder(text: string, lines: string[]): void {
  let from = 0;
  for (const line of lines) {
    const at = text.indexOf(line, from);
    expect(at, `"${line}" after position ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + line.length;
  }
}

describe('parley chat --server (real runtime)', () => {
  it('chats with a published flow by id from a spawned CLI, token from PARLEY_ADMIN_TOKEN', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'packages/cli/bin/parley.mjs'), 'chat', 'mini', '--server', runtime.url], {
      cwd: repoRoot,
      input: 'Ada\n/why\n/vars\n/state\nhello again\n/quit\n',
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: '1', PARLEY_ADMIN_TOKEN: runtime.token },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectInOrder(result.stdout, [
      'Chatting with the published flow "mini"',
      'bot › Hello!',
      'bot › Your name?',
      'you › Ada',
      'bot › Bye Ada',
      '■ conversation ended',
      'you › /why',
      'intent: none (out of scope)',
      'you › /vars',
      '"name": "Ada"',
      'you › /state',
      'status ended; nodes entered in the latest step: bye, done',
      'you › hello again',
      'the conversation has ended; /restart to start again',
    ]);
  }, 30_000);

  it('runs a flow file as a draft: numbered buttons, /timeout, /restart', async () => {
    const path = join(scratch, 'pick.flow.json');
    writeFileSync(path, JSON.stringify(pickFlow));
    const { code, stdout, stderr } = await chat(
      [path, '--server', runtime.url, '--token', runtime.token],
      '2\n/timeout\n/restart\n1\nsix\n/vars\n/quit\n',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectInOrder(stdout, [
      'Chatting with the draft of "Pick" (pick)',
      'bot › Apples or bananas?',
      '1. Apples',
      '2. Bananas',
      'you › 2',
      'bot › How many?',
      'you › /timeout',
      'bot › Too slow, bye.',
      '■ conversation ended',
      'you › /restart',
      'bot › Apples or bananas?',
      'you › 1',
      'bot › How many?',
      'you › six',
      'bot › Got six.',
      '■ conversation ended',
      '"qty": "six"',
    ]);
    // Each bot line once per run of the flow: no replayed or duplicated events.
    expect(stdout.match(/bot › How many\?/g)).toHaveLength(2);
  }, 20_000);

  it('says when the token is wrong or missing, and when the flow is unknown (exit 1)', async () => {
    const wrong = await chat(['mini', '--server', runtime.url, '--token', 'not-the-token'], '');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the admin token \(401\)\. Check --token or PARLEY_ADMIN_TOKEN/);
    const missing = await chat(['mini', '--server', runtime.url], '');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/needs an admin token \(401\)\. Pass --token <token> or set PARLEY_ADMIN_TOKEN/);
    const unknown = await chat(['no-such-flow', '--server', runtime.url], '', { PARLEY_ADMIN_TOKEN: runtime.token });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no published flow "no-such-flow"/);
    expect(unknown.stdout).toBe('');
  });
});

describe('parley chat --server (failures)', () => {
  it('says the runtime is not reachable (exit 1)', async () => {
    const port = await freePort();
    const { code, stderr } = await chat(['mini', '--server', `http://127.0.0.1:${port}`], '');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`cannot reach the runtime at http://127\\.0\\.0\\.1:${port} \\(connection refused\\)\\. Is it running\\?`),
    );
  });

  it('reports a dropped event stream (exit 1) after printing what arrived', async () => {
    const server: Server = createServer((req, res) => {
      if (req.method === 'POST') return res.writeHead(201, { 'content-type': 'application/json' }).end('{"sessionId":"session-0001"}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      // The state first, as the runtime may send it, then the bot's message; then the stream ends.
      res.write(
        `data: ${JSON.stringify({ type: 'state', status: 'waiting', waitingAt: 'name', variables: {}, visited: ['hello', 'name'] })}\n\n`,
      );
      res.write(`data: ${JSON.stringify({ type: 'bot', message: { kind: 'text', text: 'Your name?' }, nodeId: 'name' })}\n\n`);
      setTimeout(() => res.end(), 400);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { code, stdout, stderr } = await chat(['mini', '--server', url], 'Ada\n');
      expect(stdout).toContain('bot › Your name?');
      expect(stderr).toMatch(/closed the conversation's event stream/);
      expect(code).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('waits for bot messages that arrive after the state event before ending the turn', async () => {
    // The runtime's worker reports the step before its sender delivers the messages: mimic a slow sender.
    const streams: Array<(event: object) => void> = [];
    const emit = (event: object) => streams.forEach((send) => send(event));
    const received: string[] = [];
    const server: Server = createServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        streams.push((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
        emit({ type: 'state', status: 'waiting', waitingAt: 'name', variables: {}, visited: ['name'] });
        setTimeout(() => emit({ type: 'bot', message: { kind: 'text', text: 'Your name?' }, nodeId: 'name' }), 120);
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        if (req.url === '/api/simulator/sessions')
          return res.writeHead(201, { 'content-type': 'application/json' }).end('{"sessionId":"session-0002"}');
        received.push(body);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
        emit({ type: 'state', status: 'ended', variables: { name: 'Ada' }, visited: ['bye', 'done'] });
        setTimeout(() => emit({ type: 'bot', message: { kind: 'text', text: 'Bye Ada' }, nodeId: 'bye' }), 120);
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { code, stdout } = await chat(['mini', '--server', url], 'Ada\n/quit\n');
      expect(code).toBe(0);
      expectInOrder(stdout, ['bot › Your name?', 'you › Ada', 'bot › Bye Ada', '■ conversation ended', 'you › /quit']);
      expect(received).toEqual([JSON.stringify({ message: { kind: 'text', text: 'Ada' } })]);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('lists the issues when the runtime refuses the draft (exit 1)', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: {
            code: 'invalid_flow',
            message: 'the draft flow has errors',
            details: {
              issues: [{ severity: 'error', path: '/nodes/1/exits/next', nodeId: 'name', message: "Exit 'next' points to 'nowhere'." }],
            },
          },
        }),
      );
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const path = join(scratch, 'mini.flow.json');
    writeFileSync(path, JSON.stringify(miniFlow));
    try {
      const { code, stdout, stderr } = await chat([path, '--server', `http://127.0.0.1:${(server.address() as AddressInfo).port}`], '');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(
        "the runtime refused the flow: the draft flow has errors\n  /nodes/1/exits/next [name] Exit 'next' points to 'nowhere'.",
      );
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('refuses a bad --server URL, local-only options and --token without --server (exit 2)', async () => {
    const badUrl = await chat(['mini', '--server', 'localhost:3000'], '');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--server must be an http:\/\/ or https:\/\/ URL; got "localhost:3000"/);
    const params = await chat(['mini', '--server', 'http://127.0.0.1:1', '--params', '{}'], '');
    expect(params.code).toBe(2);
    expect(params.stderr).toMatch(/--params only work without --server/);
    const token = await chat(['flows/order-status.flow.json', '--token', 't'], '');
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/--token goes with --server/);
    const neither = await chat(['Not A Flow', '--server', 'http://127.0.0.1:1'], '');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/"Not A Flow" is neither a file nor a flow id/);
  });
});

describe('simulator events', () => {
  it('reads the three event kinds and rejects anything else', () => {
    expect(parseEvent('{"type":"bot","message":{"kind":"text","text":"Hi"},"nodeId":"a"}')).toMatchObject({ type: 'bot' });
    expect(parseEvent('{"type":"state","status":"waiting","variables":{}}')).toEqual({
      type: 'state',
      status: 'waiting',
      variables: {},
      visited: [],
    });
    expect(parseEvent('{"type":"error","message":"no timer is pending"}')).toEqual({ type: 'error', message: 'no timer is pending' });
    expect(parseEvent('{"type":"bot"}')).toBeUndefined();
    expect(parseEvent('not json')).toBeUndefined();
    expect(parseEvent('null')).toBeUndefined();
  });
});
