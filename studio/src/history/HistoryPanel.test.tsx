// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Flow, FlowNode } from '@parley/flow';
import { ApiClient } from '../api/client';
import { HistoryPanel } from './HistoryPanel';

afterEach(cleanup);

const flow = (text: string, extra: FlowNode[] = []): Flow => ({
  id: 'shop',
  name: 'Shop',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'hi',
  nodes: [{ id: 'hi', type: 'message', text, exits: { next: extra[0]?.id ?? null } } as FlowNode, ...extra],
});

/** v3 is a rollback to v2, so v3 is live; v1 is older. */
function fakeRuntime(versions: unknown[]) {
  const posts: string[] = [];
  const fetchImpl = vi.fn(async (url: string, init?: RequestInit) => {
    const json = (b: unknown) => new Response(JSON.stringify(b), { status: 200 });
    if (init?.method === 'POST') {
      posts.push(`${url} ${String(init.body)}`);
      return json({ version: 4 });
    }
    if (url.endsWith('/versions')) return json(versions);
    const v = Number(url.split('/').pop());
    return json({ version: v, flow: v === 1 ? flow('Hello') : flow('Hi there', [{ id: 'bye', type: 'end' } as FlowNode]), layout: null });
  });
  return { posts, api: new ApiClient('t', '/api', fetchImpl as unknown as typeof fetch) };
}

const versions = [
  { version: 3, publishedAt: '2026-12-01T10:00:00Z', publishedBy: 'ana', summary: 'rollback to version 2', live: true, unpublished: false },
  { version: 2, publishedAt: '2026-11-30T10:00:00Z', publishedBy: 'ana', summary: 'say goodbye', live: false, unpublished: false },
  { version: 1, publishedAt: '2026-11-29T10:00:00Z', publishedBy: 'bo', summary: 'first', live: false, unpublished: false },
];

describe('HistoryPanel', () => {
  it('marks the live version and offers no rollback to it', async () => {
    const { api } = fakeRuntime(versions);
    render(<HistoryPanel api={api} flowId="shop" draft={flow('Hello')} refreshKey={0} onRolledBack={() => {}} onClose={() => {}} />);
    const v3 = await screen.findByTestId('version-3');
    expect(within(v3).getByText('Live')).toBeTruthy();
    expect(within(v3).queryByRole('button', { name: /Roll back/ })).toBeNull();
    expect(within(screen.getByTestId('version-2')).queryByText('Live')).toBeNull();
    expect(within(screen.getByTestId('version-2')).getByRole('button', { name: 'Roll back to v2' })).toBeTruthy();
  });

  it('confirms a rollback in the studio dialog, not window.confirm, and Cancel does nothing', async () => {
    const confirm = vi.spyOn(window, 'confirm');
    const { api, posts } = fakeRuntime(versions);
    const onRolledBack = vi.fn();
    render(
      <HistoryPanel
        api={api}
        flowId="shop"
        draft={flow('Hello')}
        draftDirty
        refreshKey={0}
        onRolledBack={onRolledBack}
        onClose={() => {}}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back to v1' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Roll back to v1?' });
    expect(dialog.textContent).toMatch(/unsaved changes to the draft will be replaced/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(posts).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Roll back to v1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Make v1 live' }));
    await waitFor(() => expect(onRolledBack).toHaveBeenCalledWith(4));
    expect(posts).toEqual(['/api/flows/shop/rollback {"version":1}']);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('compares two versions as a change list per step, highlights the steps, and keeps the JSON diff one click away', async () => {
    const { api } = fakeRuntime(versions);
    const onHighlight = vi.fn();
    render(
      <HistoryPanel
        api={api}
        flowId="shop"
        draft={flow('Hello')}
        refreshKey={0}
        onRolledBack={() => {}}
        onHighlight={onHighlight}
        onClose={() => {}}
      />,
    );
    fireEvent.click(within(await screen.findByTestId('version-1')).getByRole('checkbox'));
    fireEvent.click(within(screen.getByTestId('version-2')).getByRole('checkbox'));
    const hi = await screen.findByTestId('change-hi');
    expect(hi.textContent).toBe('hi (message) changed: Text“next” now goes to bye (was the end)');
    expect(screen.getByTestId('change-bye').textContent).toMatch(/bye \(end\) added/);
    await waitFor(() => expect(onHighlight).toHaveBeenLastCalledWith(new Set(['hi', 'bye'])));
    // Against a draft equal to v1, no step changed: nothing is highlighted (the canvas does not dim).
    fireEvent.click(within(screen.getByTestId('version-2')).getByRole('checkbox'));
    await waitFor(() => expect(onHighlight).toHaveBeenLastCalledWith(null));
    fireEvent.click(within(screen.getByTestId('version-2')).getByRole('checkbox'));
    await screen.findByTestId('change-bye');
    expect(screen.queryByRole('region', { name: /Differences/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the JSON diff' }));
    expect(screen.getByRole('region', { name: 'Differences between v1 and v2' }).textContent).toMatch(/Hi there/);
  });
});
