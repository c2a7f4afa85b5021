// @vitest-environment jsdom
/**
 * The Templates page inside the app shell: the Flows | Templates links, the #/templates and
 * #/templates/<name> routes, and the unsaved-changes guard on a template being edited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../app/App';
import { fakeTemplatesRuntime } from './fakeTemplatesRuntime';

beforeEach(() => {
  const templates = fakeTemplatesRuntime([
    { name: 'order_update', category: 'utility', parameters: {}, languages: { en: { body: 'Your order has shipped and is on its way.' } } },
  ]);
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    if (url === '/api/flows') return new Response(JSON.stringify([{ id: 'shop', name: 'Shop', revision: 1, issues: [] }]), { status: 200 });
    return templates.fetch(input, init);
  };
  sessionStorage.setItem('parley.token', 'tok');
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

const section = (name: string) =>
  screen.getByRole('navigation', { name: 'Studio sections' }).querySelector(`a[href="${name}"]`) as HTMLAnchorElement;

describe('Templates in the studio shell', () => {
  it('is one link away from the flow list, and the link says which section is open', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Your flows' });
    expect(section('#/').getAttribute('aria-current')).toBe('page');
    window.location.hash = '#/templates';
    await screen.findByRole('heading', { name: 'Message templates' });
    expect(section('#/templates').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByRole('button', { name: 'order_update' }));
    await screen.findByLabelText('Body');
    expect(window.location.hash).toBe('#/templates/order_update');
  });

  it('opens a template from its link and asks before leaving unsaved edits', async () => {
    window.location.hash = '#/templates/order_update';
    render(<App />);
    fireEvent.change(await screen.findByLabelText('Body'), { target: { value: 'Your order is on its way to you now.' } });
    fireEvent.click(screen.getByRole('button', { name: 'All templates' }));
    expect(screen.getByRole('alertdialog', { name: 'You have unsaved changes' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(window.location.hash).toBe('#/templates/order_update');
    fireEvent.click(screen.getByRole('button', { name: 'All templates' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await screen.findByRole('heading', { name: 'Message templates' });
    await waitFor(() => expect(window.location.hash).toBe('#/templates'));
  });
});
