// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Flow } from '@parley/flow';
import { ApiClient } from '../api/client';
import { PreviewPanel } from './PreviewPanel';

afterEach(cleanup);

const flow: Flow = { id: 'shop', name: 'Shop', specVersion: '1.0.0', revision: 1, languages: ['en'], start: 'pick', nodes: [{ id: 'pick', type: 'end' }] };

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
      type: 'bot', nodeId: 'pick',
      message: { kind: 'choices', text: 'Which size?', listButton: 'Sizes', options: ['S', 'M', 'L', 'XL'].map((t) => ({ id: t.toLowerCase(), title: t })) },
    });
    await screen.findByText('Which size?');
    expect(onActive).toHaveBeenLastCalledWith('pick', ['pick']);
    // More than 3 options: a list button, not reply buttons.
    fireEvent.click(screen.getByRole('button', { name: 'Sizes' }));
    const rows = screen.getAllByRole('option');
    expect(rows.map((r) => r.textContent)).toEqual(['S', 'M', 'L', 'XL']);
    fireEvent.keyDown(rows[2]!, { key: 'Enter' });
    await waitFor(() => expect(server.posts.at(-1)).toEqual({ url: '/api/simulator/sessions/sid-12345678/messages', body: { message: { kind: 'list', choiceId: 'l', text: 'L' } } }));
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

  it('shows why the preview cannot start when the draft has errors', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'invalid_flow', message: 'the draft flow has errors' }, issues: [{ message: "Node 'a' has no 'next' exit." }] }), { status: 422 }));
    render(<PreviewPanel api={new ApiClient('t', '/api', fetchImpl as unknown as typeof fetch)} flow={flow} onActiveNode={() => {}} onClose={() => {}} />);
    expect((await screen.findByRole('alert')).textContent).toBe("the draft flow has errors — Node 'a' has no 'next' exit.");
  });
});
