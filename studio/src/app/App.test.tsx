// @vitest-environment jsdom
/**
 * Every way out of an editor with unsaved changes asks first, in the studio's own dialog.
 * The editor is a stand-in that registers itself with the guard like the real one does
 * (the canvas needs a real browser; the e2e suite covers it there).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import type { GuardedWork } from './useUnsavedGuard';

const saved = vi.fn(async () => true);
vi.mock('./Editor', () => ({
  Editor: ({
    draft,
    onBack,
    onSignOut,
    guard,
  }: {
    draft: { flow: { id: string } };
    onBack: () => void;
    onSignOut: () => void;
    guard: (w: GuardedWork | null) => void;
  }) => {
    const [dirty, setDirty] = useState(false);
    useEffect(
      () =>
        guard({
          dirty,
          save: async () => {
            const ok = await saved();
            if (ok) setDirty(false);
            return ok;
          },
        }),
      [guard, dirty],
    );
    useEffect(() => () => guard(null), [guard]);
    return (
      <div>
        <h1>editing {draft.flow.id}</h1>
        <button type="button" onClick={() => setDirty(true)}>
          make an edit
        </button>
        <button type="button" onClick={onBack}>
          Back to all flows
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    );
  },
}));

const { App } = await import('./App');

function fakeRuntime() {
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  globalThis.fetch = vi.fn(async (url: string | URL | Request) => {
    const u = String(url);
    if (u === '/api/flows')
      return json([
        { id: 'shop', name: 'Shop', revision: 1, issues: [] },
        { id: 'faq', name: 'FAQ', revision: 1, issues: [] },
      ]);
    const id = /\/api\/flows\/([^/]+)$/.exec(u)?.[1];
    if (id)
      return json({
        flow: { id, name: id, specVersion: '1.0.0', revision: 1, languages: ['en'], start: 'a', nodes: [{ id: 'a', type: 'end' }] },
        layout: { flowId: id, positions: {} },
        revision: `1:${id}`,
      });
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
}

async function openDirtyEditor() {
  sessionStorage.setItem('parley.token', 'tok');
  window.location.hash = '#/flows/shop';
  render(<App />);
  await screen.findByText('editing shop');
  fireEvent.click(screen.getByRole('button', { name: 'make an edit' }));
}

const dialog = () => screen.queryByRole('alertdialog', { name: 'You have unsaved changes' });

beforeEach(() => {
  fakeRuntime();
  saved.mockClear();
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('leaving an editor with unsaved changes', () => {
  it('the back button asks; Cancel stays, Discard leaves', async () => {
    await openDirtyEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Back to all flows' }));
    expect(dialog()).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(dialog()).toBeNull();
    expect(screen.getByText('editing shop')).toBeTruthy();
    expect(window.location.hash).toBe('#/flows/shop');
    fireEvent.click(screen.getByRole('button', { name: 'Back to all flows' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await screen.findByRole('table');
    expect(window.location.hash).toBe('');
    expect(saved).not.toHaveBeenCalled();
  });

  it('Save and leave saves first, then leaves; a failed save stays', async () => {
    await openDirtyEditor();
    saved.mockResolvedValueOnce(false);
    fireEvent.click(screen.getByRole('button', { name: 'Back to all flows' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save and leave' }));
    await waitFor(() => expect(dialog()).toBeNull());
    expect(screen.getByText('editing shop')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to all flows' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save and leave' }));
    await screen.findByRole('table');
    expect(saved).toHaveBeenCalledTimes(2);
  });

  it('sign out asks', async () => {
    await openDirtyEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(dialog()).toBeTruthy();
    expect(sessionStorage.getItem('parley.token')).toBe('tok');
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(sessionStorage.getItem('parley.token')).toBeNull();
  });

  it('the browser back button or a link to another flow (hash change) asks and keeps the URL until decided', async () => {
    await openDirtyEditor();
    await act(async () => {
      window.location.hash = '#/flows/faq';
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(dialog()).toBeTruthy();
    expect(window.location.hash).toBe('#/flows/shop');
    expect(screen.getByText('editing shop')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await screen.findByText('editing faq');
    expect(window.location.hash).toBe('#/flows/faq');
  });

  it('reload/close is held by beforeunload only while there are unsaved changes', async () => {
    sessionStorage.setItem('parley.token', 'tok');
    window.location.hash = '#/flows/shop';
    render(<App />);
    await screen.findByText('editing shop');
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'make an edit' }));
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
  });

  it('a clean editor leaves without asking', async () => {
    sessionStorage.setItem('parley.token', 'tok');
    window.location.hash = '#/flows/shop';
    render(<App />);
    await screen.findByText('editing shop');
    fireEvent.click(screen.getByRole('button', { name: 'Back to all flows' }));
    expect(dialog()).toBeNull();
    await screen.findByRole('table');
  });
});
