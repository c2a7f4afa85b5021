// @vitest-environment jsdom
/**
 * The segment builder on the Contacts page: the live count follows the conditions (debounced,
 * computed by the fake from the data), waits for an incomplete condition, shows the server's 400
 * next to the condition its path names, drives the table, and saves a named segment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeContactsRuntime, type FakeContactsRuntime } from './fakeContactsRuntime';
import { FIELDS, people, renderPage, shownIds } from './testSetup.test-helper';

afterEach(cleanup);

function setup(before?: (fake: FakeContactsRuntime) => void) {
  const fake = fakeContactsRuntime([], FIELDS);
  fake.contacts = people(fake.now);
  before?.(fake);
  renderPage(fake);
  return fake;
}

const count = () => document.querySelector('.seg-count') as HTMLElement;
const previews = (fake: FakeContactsRuntime) => fake.calls.filter((c) => c.path === '/segments/preview');

async function openBuilder() {
  await waitFor(() => expect(shownIds()).toHaveLength(5));
  fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
  return screen.getByRole('region', { name: 'Filter contacts' });
}

describe('Segment builder', () => {
  it('counts live as conditions change: who matches and who can receive marketing, and how long it took', async () => {
    const fake = setup();
    const builder = await openBuilder();
    await waitFor(() => expect(count().textContent).toContain('5 contacts · 2 can receive marketing'));
    expect(count().textContent).toContain('Counted in 12 ms');
    // The default new condition: last message more than 30 days ago (Ben 40, Cho 90; Eve never wrote).
    fireEvent.click(within(builder).getByRole('button', { name: 'Add condition' }));
    await waitFor(() => expect(count().textContent).toContain('2 contacts · 0 can receive marketing'));
    expect(previews(fake).at(-1)!.body).toEqual({
      filter: { match: 'all', conditions: [{ field: 'lastInboundAt', op: 'older_than_days', value: 30 }] },
      sample: 0,
    });
    // Typing 5 then 50 days: one call for the settled value, and the table follows.
    const days = within(builder).getByLabelText('Condition 1: days');
    const before = previews(fake).length;
    fireEvent.change(days, { target: { value: '5' } });
    fireEvent.change(days, { target: { value: '50' } });
    await waitFor(() => expect(count().textContent).toContain('1 contact · 0 can receive marketing'));
    expect(previews(fake).length - before).toBe(1);
    await waitFor(() => expect(shownIds()).toEqual(['c-cho']));
  });

  it('combines a tag, consent and any/all', async () => {
    setup();
    const builder = await openBuilder();
    fireEvent.change(within(builder).getByLabelText('Kind of condition to add'), { target: { value: 'tag' } });
    fireEvent.click(within(builder).getByRole('button', { name: 'Add condition' }));
    expect(count().textContent).toBe('Finish condition 1 to see the count.');
    expect(within(builder).getByText('Fill in the tag.')).toBeTruthy();
    fireEvent.change(within(builder).getByLabelText('Condition 1: tag'), { target: { value: 'vip' } });
    await waitFor(() => expect(count().textContent).toContain('2 contacts · 1 can receive marketing'));
    fireEvent.change(within(builder).getByLabelText('Kind of condition to add'), { target: { value: 'consent' } });
    fireEvent.click(within(builder).getByRole('button', { name: 'Add condition' }));
    await waitFor(() => expect(count().textContent).toContain('1 contact · 1 can receive marketing'));
    fireEvent.change(within(builder).getByLabelText('Contacts matching'), { target: { value: 'any' } });
    await waitFor(() => expect(count().textContent).toContain('3 contacts · 2 can receive marketing'));
    await waitFor(() => expect(shownIds()).toEqual(['c-ana', 'c-ben', 'c-dan']));
  });

  it('builds an activity condition: clicked a button in a campaign', async () => {
    const fake = setup((f) => {
      f.activity.set('c-cho', [{ activity: 'button_clicked', button: 'Yes please', campaign: 'spring', at: f.now - 2 * 86_400_000 }]);
      f.activity.set('c-dan', [{ activity: 'button_clicked', button: 'Yes please', campaign: 'winter', at: f.now - 2 * 86_400_000 }]);
    });
    const builder = await openBuilder();
    fireEvent.change(within(builder).getByLabelText('Kind of condition to add'), { target: { value: 'activity' } });
    fireEvent.click(within(builder).getByRole('button', { name: 'Add condition' }));
    fireEvent.change(within(builder).getByLabelText('Condition 1: activity'), { target: { value: 'button_clicked' } });
    fireEvent.change(within(builder).getByLabelText('Condition 1: button text or payload'), { target: { value: 'Yes please' } });
    await waitFor(() => expect(count().textContent).toContain('2 contacts'));
    fireEvent.change(within(builder).getByLabelText('Condition 1: campaign id'), { target: { value: 'spring' } });
    await waitFor(() => expect(count().textContent).toContain('1 contact ·'));
    // Empty inputs are left out ("any"), never sent as "".
    expect(previews(fake).at(-1)!.body).toEqual({
      filter: { match: 'all', conditions: [{ activity: 'button_clicked', button: 'Yes please', campaign: 'spring' }] },
      sample: 0,
    });
    fireEvent.change(within(builder).getByLabelText('Condition 1: did or did not'), { target: { value: 'no' } });
    await waitFor(() => expect(count().textContent).toContain('4 contacts'));
  });

  it('shows the server’s refusal next to the condition its path names, and clears it once fixed', async () => {
    // A saved segment still tests a custom field the tenant has since removed.
    setup((f) =>
      f.segments.set('old', {
        id: 'old',
        name: 'Old loyalty',
        filter: {
          match: 'all',
          conditions: [
            { consent: 'marketing', is: 'opted_in' },
            { field: 'fields.loyalty', op: 'eq', value: 'gold' },
          ],
        },
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    await waitFor(() => expect(shownIds()).toHaveLength(5));
    fireEvent.click(await screen.findByRole('button', { name: /^Old loyalty/ }));
    const builder = screen.getByRole('region', { name: 'Segment: Old loyalty' });
    const second = await waitFor(() => {
      const el = within(builder).getByRole('group', { name: 'Condition 2' });
      expect(within(el).getByRole('alert').textContent).toMatch(/no custom field “loyalty”/);
      return el;
    });
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(within(builder).getByRole('group', { name: 'Condition 1' }).querySelector('[role="alert"]')).toBeNull();
    expect(count().textContent).toBe('Not counted: fix the condition marked in red.');
    fireEvent.change(within(second).getByLabelText('Condition 2: field'), { target: { value: 'fields.plan' } });
    fireEvent.change(within(second).getByLabelText('Condition 2: value'), { target: { value: 'pro' } });
    await waitFor(() => expect(count().textContent).toContain('1 contact · 1 can receive marketing'));
    expect(within(builder).queryByRole('alert')).toBeNull();
  });

  it('saves the filter as a named segment that then lists in the sidebar', async () => {
    const fake = setup();
    const builder = await openBuilder();
    fireEvent.change(within(builder).getByLabelText('Kind of condition to add'), { target: { value: 'consent' } });
    fireEvent.click(within(builder).getByRole('button', { name: 'Add condition' }));
    fireEvent.change(within(builder).getByLabelText('Segment name'), { target: { value: 'Can receive offers' } });
    fireEvent.click(within(builder).getByRole('button', { name: 'Save as segment' }));
    expect(await screen.findByText('Saved “Can receive offers”.')).toBeTruthy();
    expect(fake.segments.get('can-receive-offers')?.filter).toEqual({
      match: 'all',
      conditions: [{ consent: 'marketing', is: 'opted_in' }],
    });
    const sidebar = screen.getByRole('navigation', { name: 'Segments' });
    await waitFor(() => expect(within(sidebar).getByRole('button', { name: /^Can receive offers/ }).textContent).toContain('2'));
  });
});
