// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Flow } from '@parley/flow';
import { ApiClient } from '../api/client';
import { PreviewPanel } from './PreviewPanel';

afterEach(cleanup);

const flow: Flow = {
  id: 'shop',
  name: 'Shop',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'pick',
  nodes: [{ id: 'pick', type: 'end' }],
};

/** A fake server: one session whose event stream we push to; records what the panel posts. */
function fakeServer() {
  const posts: Array<{ url: string; body: unknown }> = [];
  let push: (e: unknown) => void = () => {};
  const fetchImpl = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.endsWith('/events')) {
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          push = (e) => c.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(e)}\n\n`));
        },
      });
      return new Response(stream, { status: 200 });
    }
    posts.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.endsWith('/simulator/sessions')) return new Response(JSON.stringify({ sessionId: 'sid-12345678' }), { status: 201 });
    return new Response(JSON.stringify({ queued: true }), { status: 202 });
  });
  return { posts, push: (e: unknown) => push(e), api: new ApiClient('tok', '/api', fetchImpl as unknown as typeof fetch) };
}

describe('PreviewPanel', () => {
  it('runs the draft, renders a list like WhatsApp, picks a row, and reports the active node', async () => {
    const server = fakeServer();
    const onActive = vi.fn();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={onActive} onClose={() => {}} />);
    await waitFor(() => expect(server.posts[0]).toEqual({ url: '/api/simulator/sessions', body: { flowId: 'shop', flow } }));
    server.push({ type: 'state', status: 'waiting', waitingAt: 'pick', variables: { cart: 2 }, visited: ['pick'] });
    server.push({
      type: 'bot',
      nodeId: 'pick',
      message: {
        kind: 'choices',
        text: 'Which size?',
        listButton: 'Sizes',
        options: ['S', 'M', 'L', 'XL'].map((t) => ({ id: t.toLowerCase(), title: t })),
      },
    });
    await screen.findByText('Which size?');
    expect(onActive).toHaveBeenLastCalledWith('pick', ['pick']);
    // More than 3 options: a list button, not reply buttons.
    fireEvent.click(screen.getByRole('button', { name: 'Sizes' }));
    const rows = screen.getAllByRole('option');
    expect(rows.map((r) => r.textContent)).toEqual(['S', 'M', 'L', 'XL']);
    fireEvent.keyDown(rows[2]!, { key: 'Enter' });
    await waitFor(() =>
      expect(server.posts.at(-1)).toEqual({
        url: '/api/simulator/sessions/sid-12345678/messages',
        body: { message: { kind: 'list', choiceId: 'l', text: 'L' } },
      }),
    );
    expect(screen.getByText('L', { selector: '.turn.user .bubble' })).toBeTruthy();
    // The turn's details show the session's variables.
    expect(screen.getByText(/"cart": 2/)).toBeTruthy();
  });

  it('sends typed text and a shared location, and fires the timeout', async () => {
    const server = fakeServer();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    await waitFor(() => expect(server.posts).toHaveLength(1));
    server.push({ type: 'bot', nodeId: 'pick', message: { kind: 'text', text: 'Hi' } });
    await screen.findByText('Hi');
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hello there' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    fireEvent.click(screen.getByRole('button', { name: /Share location/ }));
    fireEvent.click(screen.getByRole('button', { name: /Fire timeout/ }));
    await waitFor(() => expect(server.posts.map((p) => p.url.split('/').pop())).toEqual(['sessions', 'messages', 'messages', 'timeout']));
    expect(server.posts[1]!.body).toEqual({ message: { kind: 'text', text: 'hello there' } });
    expect((server.posts[2]!.body as { message: { kind: string } }).message.kind).toBe('location');
    expect(screen.getByText('No reply (timeout fired)')).toBeTruthy();
  });

  it('says when the flow hands over to a person, and that no agent is notified from a preview', async () => {
    const server = fakeServer();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    await waitFor(() => expect(server.posts).toHaveLength(1));
    server.push({ type: 'handoff', nodeId: 'agent', queue: 'billing', reason: 'asked for a person' });
    expect(await screen.findByText(/Handed over to a person \(queue “billing”\): asked for a person\. .*notifies no agent/)).toBeTruthy();
  });

  it('shows why the preview cannot start when the draft has errors', async () => {
    const fetchImpl = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { code: 'invalid_flow', message: 'the draft flow has errors' },
            issues: [{ message: "Node 'a' has no 'next' exit." }],
          }),
          { status: 422 },
        ),
    );
    render(
      <PreviewPanel
        api={new ApiClient('t', '/api', fetchImpl as unknown as typeof fetch)}
        flow={flow}
        onActiveNode={() => {}}
        onClose={() => {}}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe("the draft flow has errors — Node 'a' has no 'next' exit.");
  });

  it('says what happened: a failed web request and its reason, understanding for typed text only, a tap as the button it was', async () => {
    const server = fakeServer();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    await waitFor(() => expect(server.posts).toHaveLength(1));
    server.push({
      type: 'bot',
      nodeId: 'pick',
      message: {
        kind: 'choices',
        text: 'Track an order?',
        options: [
          { id: 'yes', title: 'Yes' },
          { id: 'no', title: 'No' },
        ],
      },
    });
    server.push({ type: 'state', status: 'waiting', waitingAt: 'pick', variables: {}, visited: ['pick'] });
    fireEvent.click(await screen.findByRole('button', { name: 'Yes' }));
    const nothing = { intent: null, confidence: 0, tier: 'none', candidates: [], entities: [], reasons: [], elapsedMs: 1 };
    server.push({
      type: 'state',
      status: 'waiting',
      waitingAt: 'num',
      variables: {},
      visited: ['num'],
      understanding: { ...nothing, choice: { id: 'yes', confidence: 1, tier: 'structured' } },
    });
    server.push({ type: 'bot', nodeId: 'num', message: { kind: 'text', text: 'Your order number?' } });
    await screen.findByText('Your order number?');
    expect(screen.getByText('button: Yes')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'blah' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    server.push({
      type: 'http',
      requestId: 'r1',
      nodeId: 'lookup',
      request: { method: 'GET', url: 'https://shop.example/orders/blah' },
      result: { status: 404, body: { error: 'no such order' }, headers: {} },
    });
    server.push({
      type: 'http',
      requestId: 'r2',
      nodeId: 'crm',
      request: { method: 'POST', url: 'https://crm.example/log' },
      result: { error: 'The operation was aborted due to timeout' },
    });
    server.push({ type: 'state', status: 'waiting', waitingAt: 'num', variables: {}, visited: ['lookup', 'num'], understanding: nothing });
    server.push({ type: 'bot', nodeId: 'num', message: { kind: 'text', text: 'Sorry, I could not find it.' } });
    await screen.findByText('Sorry, I could not find it.');
    const notes = screen.getAllByRole('note').map((n) => n.textContent);
    expect(notes).toEqual([
      'Web request failed (lookup): GET shop.example/orders/blah — HTTP 404',
      'Web request failed (crm): POST crm.example/log — no answer: The operation was aborted due to timeout',
    ]);
    const userNotes = [...document.querySelectorAll('.turn.user .understanding')].map((n) => n.textContent);
    expect(userNotes).toEqual(['button: Yes', 'Not understood: no intent or choice of this flow matched.']);
    expect(document.body.textContent).not.toMatch(/by none|Understood as nothing/);
  });

  it('"Save as test" writes the web requests the preview made as the test mocks', async () => {
    const server = fakeServer();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    await waitFor(() => expect(server.posts).toHaveLength(1));
    server.push({
      type: 'http',
      requestId: 'r1',
      nodeId: 'lookup',
      request: { method: 'GET', url: 'https://shop.example/stock' },
      result: { status: 200, body: { stock: 2 }, headers: { 'content-type': 'application/json' } },
    });
    server.push({ type: 'bot', nodeId: 'pick', message: { kind: 'text', text: '2 left' } });
    server.push({ type: 'state', status: 'ended', variables: { stock: 2 }, visited: ['lookup', 'pick'] });
    await screen.findByText('2 left');
    fireEvent.click(screen.getByRole('button', { name: /Save as test/ }));
    fireEvent.change(screen.getByLabelText('Test name'), { target: { value: 'stock' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save test' }));
    await waitFor(() => expect(server.posts.at(-1)?.url).toBe('/api/flows/shop/tests'));
    const { test } = server.posts.at(-1)!.body as { test: Record<string, unknown> };
    expect(test).toMatchObject({
      name: 'stock',
      now: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      mocks: {
        http: [
          {
            match: { method: 'GET', url: 'https://shop.example/stock' },
            status: 200,
            body: { stock: 2 },
            headers: { 'content-type': 'application/json' },
            times: 1,
          },
        ],
      },
      turns: [{ bot: { text: '2 left' } }, { expect: { ended: true, variables: { stock: 2 } } }],
    });
  });

  it('shows the 24-hour window and, 24 h later, holds back free-form messages while templates still go', async () => {
    const server = fakeServer();
    render(<PreviewPanel api={server.api} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    await waitFor(() => expect(server.posts).toHaveLength(1));
    await screen.findByText(/24-hour window closed: the customer has not written yet/);
    server.push({ type: 'state', status: 'waiting', waitingAt: 'pick', variables: {}, visited: ['pick'] });
    await screen.findByText('Waiting at pick');
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hello' } });
    fireEvent.submit(screen.getByLabelText('Message').closest('form')!);
    await screen.findByText(/24-hour window open until (\S+ )?\d\d:\d\d/);

    fireEvent.click(screen.getByRole('switch', { name: '24 h later' }));
    await screen.findByText(/24 hours later: the window has closed/);
    expect(screen.getByText('24-hour window closed — only templates go', { exact: false })).toBeTruthy();
    server.push({ type: 'bot', nodeId: 'pick', message: { kind: 'text', text: 'Come back!' } });
    server.push({
      type: 'bot',
      nodeId: 'pick',
      message: {
        kind: 'template',
        name: 'cart_reminder',
        language: 'en',
        params: { body: [{ type: 'text', name: 'first_name', text: 'Ada' }] },
      },
    });
    const held = (await screen.findByText('Come back!')).closest('li')!;
    expect(held.className).toContain('not-sent');
    expect(held.textContent).toMatch(/Not sent: the 24-hour window is closed/);
    const template = (await screen.findByText('first_name: Ada')).closest('li')!;
    expect(template.className).not.toContain('not-sent');
    // A test saved from here would replay without the day's jump.
    expect((screen.getByRole('button', { name: /Save as test/ }) as HTMLButtonElement).disabled).toBe(true);

    // The customer writing again opens the window.
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'back' } });
    fireEvent.submit(screen.getByLabelText('Message').closest('form')!);
    await screen.findByText(/the 24-hour window is open again/);
    expect((screen.getByRole('switch', { name: '24 h later' }) as HTMLInputElement).checked).toBe(false);
    server.push({ type: 'bot', nodeId: 'pick', message: { kind: 'text', text: 'Welcome back' } });
    expect((await screen.findByText('Welcome back')).closest('li')!.className).not.toContain('not-sent');
  });
});
