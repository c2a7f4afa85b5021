// @vitest-environment jsdom
/**
 * The contacts list against the contract's API (a fake over fetch that evaluates filters for
 * real): the table's columns, the debounced search, cursor paging, and saved segments in the
 * sidebar filtering the table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeContactsRuntime, type FakeContactsRuntime } from './fakeContactsRuntime';
import { FIELDS, people, renderPage, row, shownIds } from './testSetup.test-helper';

afterEach(cleanup);

function setup(pageSize?: number, before?: (fake: FakeContactsRuntime) => void) {
  const fake = fakeContactsRuntime([], FIELDS);
  fake.contacts = people(fake.now);
  before?.(fake);
  renderPage(fake, { pageSize });
  return fake;
}

describe('Contacts list: the table', () => {
  it('shows name, address, language, tags, the marketing consent badge and the last message, with the total', async () => {
    setup();
    await waitFor(() => expect(row('c-ana')).toBeTruthy());
    const ana = within(row('c-ana')!);
    expect(ana.getByRole('button', { name: 'Ana Silva' })).toBeTruthy();
    expect(ana.getByText('+351912345678')).toBeTruthy();
    expect(ana.getByText('pt')).toBeTruthy();
    expect(ana.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['vip', 'lisbon']);
    expect(ana.getByText('Opted in').dataset.status).toBe('opted_in');
    expect(ana.getByText('3 days ago')).toBeTruthy();
    expect(within(row('c-ben')!).getByText('Opted out')).toBeTruthy();
    expect(within(row('c-dan')!).getByText('yesterday')).toBeTruthy();
    expect(within(row('c-eve')!).getByText('No name')).toBeTruthy();
    expect(within(row('c-eve')!).getByText('Never')).toBeTruthy();
    expect(within(row('c-eve')!).getByText('No consent')).toBeTruthy();
    expect(screen.getByText('5 contacts', { selector: '.contacts-total' })).toBeTruthy();
  });

  it('searches after typing stops, once, and says when nothing matches', async () => {
    const fake = setup();
    await waitFor(() => expect(row('c-ana')).toBeTruthy());
    const search = screen.getByLabelText('Search contacts');
    for (const text of ['m', 'ma', 'mad', 'madrid']) fireEvent.change(search, { target: { value: text } });
    await waitFor(() => expect(shownIds()).toEqual(['c-dan']));
    const queries = fake.calls.filter((c) => c.path === '/contacts').map((c) => c.query.q);
    expect(queries.filter((q) => q !== undefined)).toEqual(['madrid']);
    expect(screen.getByText('1 contact', { selector: '.contacts-total' })).toBeTruthy();
    fireEvent.change(search, { target: { value: 'nobody-like-this' } });
    expect(await screen.findByText('No contact matches.')).toBeTruthy();
  });

  it('pages with the cursor forwards and back', async () => {
    const fake = setup(2);
    await waitFor(() => expect(shownIds()).toEqual(['c-ana', 'c-ben']));
    expect(screen.getByText('1–2 of 5')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(shownIds()).toEqual(['c-cho', 'c-dan']));
    expect(screen.getByText('3–4 of 5')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(shownIds()).toEqual(['c-eve']));
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(shownIds()).toEqual(['c-cho', 'c-dan']));
    expect(fake.calls.filter((c) => c.path === '/contacts').map((c) => c.query.cursor ?? '-')).toEqual(['-', '2', '4', '2']);
  });

  it('filters the table by a saved segment from the sidebar, with its count, and back to everyone', async () => {
    const fake = setup(undefined, (f) =>
      f.segments.set('vip', {
        id: 'vip',
        name: 'VIP',
        filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] },
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    await waitFor(() => expect(row('c-ana')).toBeTruthy());
    const sidebar = screen.getByRole('navigation', { name: 'Segments' });
    const vip = await within(sidebar).findByRole('button', { name: /^VIP/ });
    expect(vip.textContent).toBe('VIP, 2 contacts');
    fireEvent.click(vip);
    await waitFor(() => expect(shownIds()).toEqual(['c-ana', 'c-ben']));
    expect(vip.getAttribute('aria-current')).toBe('true');
    expect(fake.calls.some((c) => c.path === '/contacts' && c.query.segment === 'vip')).toBe(true);
    // The builder opens with the segment's condition for editing.
    expect((screen.getByLabelText('Condition 1: tag') as HTMLInputElement).value).toBe('vip');
    fireEvent.click(within(sidebar).getByRole('button', { name: 'All contacts' }));
    await waitFor(() => expect(shownIds()).toHaveLength(5));
  });
});
