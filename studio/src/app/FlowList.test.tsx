// @vitest-environment jsdom
/** The flow list against the runtime's API contract (docs/admin-api.md "Flow list"), with a mocked fetch. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../api/client';
import { FlowList } from './FlowList';
import type { FlowRow } from './flowListState';

afterEach(cleanup);

const rows: FlowRow[] = [
  {
    id: 'order-status',
    name: 'Order status',
    revision: 4,
    publishedVersion: 3,
    hasUnpublishedChanges: false,
    calledBy: ['support-faq'],
    issues: [],
  },
  { id: 'support-faq', name: 'Support FAQ', revision: 7, publishedVersion: 2, hasUnpublishedChanges: true, calledBy: [], issues: [] },
  {
    id: 'winter-sale',
    name: 'Winter sale',
    revision: 1,
    publishedVersion: null,
    hasUnpublishedChanges: true,
    calledBy: [],
    issues: [{ severity: 'error', code: 'x', message: 'x', path: '' }],
  },
  {
    id: 'checkout-help',
    name: 'Checkout help',
    revision: 1,
    publishedVersion: null,
    hasUnpublishedChanges: true,
    calledBy: ['winter-sale'],
    issues: [],
  },
];

type Call = { method: string; path: string; body: unknown };
function setup(answer: (call: Call) => { status: number; body: unknown } = () => ({ status: 200, body: {} })) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const call = {
      method: init?.method ?? 'GET',
      path: String(url).replace(/^\/api/, ''),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  const onChanged = vi.fn();
  const api = new ApiClient('t', '/api', fetchImpl);
  render(
    <FlowList api={api} flows={rows} error={null} onOpen={() => {}} onCreated={() => {}} onChanged={onChanged} onSignOut={() => {}} />,
  );
  return { calls, onChanged };
}

const row = (id: string) => document.querySelector(`tr[data-flow="${id}"]`) as HTMLElement;

describe('FlowList', () => {
  it('shows the live version, drafts and unpublished changes at a glance', () => {
    setup();
    expect(within(row('order-status')).getByText('Live v3')).toBeTruthy();
    expect(within(row('support-faq')).getByText('Live v2 · unpublished changes')).toBeTruthy();
    expect(within(row('winter-sale')).getByText('Draft — not published')).toBeTruthy();
    expect(within(row('winter-sale')).getByText('1 to fix')).toBeTruthy();
  });

  it('searches by name and by id', () => {
    setup();
    const search = screen.getByLabelText('Search flows by name or id');
    fireEvent.change(search, { target: { value: 'winter' } });
    expect(document.querySelectorAll('tbody tr').length).toBe(1);
    fireEvent.change(search, { target: { value: 'ORDER-st' } });
    expect([...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-flow'))).toEqual(['order-status']);
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    expect(screen.getByText('No flow matches “nothing like it”.')).toBeTruthy();
  });

  it('disables delete with the reason while a flow is live or called by another flow', () => {
    setup();
    const liveDelete = screen.getByRole('button', { name: 'Delete Support FAQ' }) as HTMLButtonElement;
    expect(liveDelete.disabled).toBe(true);
    expect(within(row('support-faq')).getByText(/unpublish it first/)).toBeTruthy();
    const calledDelete = screen.getByRole('button', { name: 'Delete Checkout help' }) as HTMLButtonElement;
    expect(calledDelete.disabled).toBe(true);
    expect(within(row('checkout-help')).getByText(/Called by: winter-sale/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Delete Winter sale' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('deletes a draft only after the confirmation, then reloads the list', async () => {
    const { calls, onChanged } = setup(() => ({ status: 200, body: { deleted: true } }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Winter sale' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Winter sale”?' });
    expect(calls).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Winter sale' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete the flow' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'DELETE', path: '/flows/winter-sale', body: undefined }]);
    expect(screen.getByRole('status').textContent).toBe('Deleted “Winter sale”.');
  });

  it("says the runtime's refusal in plain words", async () => {
    setup(() => ({
      status: 409,
      body: { error: { code: 'flow_in_use', message: 'flow winter-sale is called as a subflow by promo' }, calledBy: ['promo'] },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Winter sale' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete the flow' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Could not delete the flow: it is called by promo. Remove those calls first.'),
    );
  });

  it('renames and duplicates through the dialogs', async () => {
    const { calls, onChanged } = setup((c) =>
      c.path.endsWith('/duplicate')
        ? { status: 201, body: { id: 'order-status-v2', revision: '1:x' } }
        : { status: 200, body: { id: 'order-status', name: 'Orders', revision: '5:y' } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rename Order status' }));
    fireEvent.change(screen.getByLabelText('New name'), { target: { value: 'Orders' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate Order status' }));
    fireEvent.change(screen.getByLabelText('Name of the copy'), { target: { value: 'Order status v2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(calls).toEqual([
      { method: 'POST', path: '/flows/order-status/rename', body: { name: 'Orders' } },
      { method: 'POST', path: '/flows/order-status/duplicate', body: { id: 'order-status-v2', name: 'Order status v2' } },
    ]);
  });
});
