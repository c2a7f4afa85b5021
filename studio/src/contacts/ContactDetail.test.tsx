// @vitest-environment jsdom
/**
 * One contact (#/contacts/<id>) against the contract's API: edit details and typed custom fields
 * (only what changed is sent; the server's refusal shown), the consent state and its ledger,
 * recording an opt-in (wording required) and an opt-out, the timeline newest first, Export and
 * Erase (a dialog naming the person; then the list with a notice).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeContactsRuntime, type FakeContactsRuntime } from './fakeContactsRuntime';
import { DAY, FIELDS, people, renderPage, row, shownIds } from './testSetup.test-helper';

afterEach(cleanup);

function setup(open = 'c-ana') {
  const fake = fakeContactsRuntime([], FIELDS);
  fake.contacts = people(fake.now);
  fake.events.push({
    id: 1,
    contactId: 'c-ana',
    purpose: 'marketing',
    action: 'opt_in',
    channel: 'whatsapp',
    source: 'import',
    sourceDetail: { file: 'spring.csv', row: 12 },
    wording: 'Send me offers on WhatsApp',
    recordedBy: 'import:spring.csv',
    at: fake.now - 10 * DAY,
  });
  fake.activity.set('c-ana', [
    { activity: 'flow_entered', flow: 'welcome', at: fake.now - 9 * DAY },
    { activity: 'button_clicked', button: 'Show me', at: fake.now - 2 * DAY },
  ]);
  renderPage(fake, { open });
  return fake;
}

const patches = (fake: FakeContactsRuntime) => fake.calls.filter((c) => c.method === 'PATCH');

describe('Contact detail', () => {
  it('edits the details and typed custom fields, sending only what changed', async () => {
    const fake = setup();
    const form = await screen.findByRole('form', { name: 'Details' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Ana Silva');
    expect((within(form).getByLabelText('Tags') as HTMLInputElement).value).toBe('vip, lisbon');
    const plan = within(form).getByLabelText('Plan') as HTMLSelectElement;
    expect(plan.value).toBe('pro');
    expect([...plan.options].map((o) => o.value)).toEqual(['', 'free', 'pro']);
    const orders = within(form).getByLabelText('Orders') as HTMLInputElement;
    expect(orders.type).toBe('number');
    expect(within(form).getByRole('button', { name: 'Save details' }).hasAttribute('disabled')).toBe(true);

    fireEvent.change(within(form).getByLabelText('Time zone'), { target: { value: 'Europe/Lisbon' } });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'vip, lisbon, newsletter' } });
    fireEvent.change(orders, { target: { value: '8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save details' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(patches(fake).map((c) => c.body)).toEqual([
      { timezone: 'Europe/Lisbon', tags: ['vip', 'lisbon', 'newsletter'], fields: { plan: 'pro', orders: 8 } },
    ]);
    expect(fake.contacts[0]!.fields.orders).toBe(8);
  });

  it('shows the server’s refusal of a field in its words', async () => {
    const fake = setup();
    const form = await screen.findByRole('form', { name: 'Details' });
    // Someone narrowed the plan choices since the page loaded: the server refuses the record's old value.
    fake.fields[0]!.choices = ['free'];
    fireEvent.change(within(form).getByLabelText('Orders'), { target: { value: '9' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save details' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Not saved: fields.plan: “pro” is not one of free.');
  });

  it('shows consent per purpose and the ledger with its source, wording and who recorded it', async () => {
    setup();
    const consent = await screen.findByRole('region', { name: 'Consent' });
    const ledger = await within(consent).findByRole('table', { name: 'Consent ledger (newest first)' });
    const cells = [...ledger.querySelectorAll('tbody tr:first-child td')].map((td) => td.textContent);
    expect(cells.slice(1)).toEqual([
      'Marketing',
      'Opted in',
      'Import (file spring.csv, row 12)',
      'Send me offers on WhatsApp',
      'import:spring.csv',
    ]);
    expect(consent.querySelector('[data-purpose="marketing"] .consent-badge')!.textContent).toBe('Opted in');
    expect(consent.querySelector('[data-purpose="utility"] .consent-badge')!.textContent).toBe('No consent');
  });

  it('records an opt-in only with its wording, and an opt-out; the ledger and the badges follow', async () => {
    const fake = setup('c-cho');
    const consent = await screen.findByRole('region', { name: 'Consent' });
    await within(consent).findByText(/No consent recorded yet/);
    fireEvent.click(within(consent).getByRole('button', { name: 'Record opt-in' }));
    expect(within(consent).getByRole('alert').textContent).toBe('An opt-in needs the words the person agreed to.');
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(within(consent).getByLabelText('Wording they agreed to (required)'), { target: { value: 'Yes to offers' } });
    fireEvent.click(within(consent).getByRole('button', { name: 'Record opt-in' }));
    expect(await within(consent).findByText('Recorded an opt-in for marketing.')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({
      purpose: 'marketing',
      action: 'opt_in',
      source: 'agent',
      wording: 'Yes to offers',
    });
    await waitFor(() => expect(document.querySelector('.contact-head .consent-badge')!.textContent).toBe('Opted in'));

    fireEvent.click(within(consent).getByLabelText('Opt out'));
    expect(within(consent).getByLabelText('Wording (optional)')).toBeTruthy();
    fireEvent.click(within(consent).getByRole('button', { name: 'Record opt-out' }));
    await within(consent).findByText('Recorded an opt-out for marketing.');
    const ledger = within(consent).getByRole('table', { name: 'Consent ledger (newest first)' });
    expect([...ledger.querySelectorAll('tbody tr')].map((tr) => tr.children[2]!.textContent)).toEqual(['Opted out', 'Opted in']);
    expect(document.querySelector('.contact-head .consent-badge')!.textContent).toBe('Opted out');
  });

  it('lists the timeline newest first', async () => {
    setup();
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() => expect(timeline.querySelectorAll('li')).toHaveLength(3));
    expect([...timeline.querySelectorAll('li')].map((li) => [li.dataset.kind, li.querySelector('time')!.textContent])).toEqual([
      ['button_clicked', '2 days ago'],
      ['flow_entered', '9 days ago'],
      ['consent', '10 days ago'],
    ]);
  });

  it('exports everything as a JSON download', async () => {
    const fake = setup();
    await screen.findByRole('form', { name: 'Details' });
    const saved: { name: string; type: string; text: string }[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      void blob.text().then((text) => saved.push({ name: '', type: blob.type, text }));
      return 'blob:export';
    };
    URL.revokeObjectURL = () => {};
    const clicked: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
      expect(await screen.findByText('Exported everything held about Ana Silva.')).toBeTruthy();
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(clicked).toEqual(['contact-c-ana.json']);
      expect(saved[0]!.type).toBe('application/json');
      expect(JSON.parse(saved[0]!.text).contact.address).toBe('+351912345678');
      expect(fake.calls.some((c) => c.path === '/contacts/c-ana/export')).toBe(true);
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('erases after a dialog naming the person, then shows the list with what was removed', async () => {
    const fake = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Erase' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Erase Ana Silva?' });
    // Cancel is focused: Enter does not erase by accident.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Erase' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Erase Ana Silva' }));
    expect((await screen.findByText(/^Erased Ana Silva:/)).textContent).toBe(
      'Erased Ana Silva: 2 records and 3 conversation keys removed; the number is suppressed so an old import cannot bring it back. Dismiss',
    );
    await waitFor(() => expect(shownIds()).toHaveLength(4));
    expect(row('c-ana')).toBeNull();
  });
});

describe('Contact detail and the list', () => {
  it('keeps the list’s search under an open contact and reloads it on the way back', async () => {
    const fake = fakeContactsRuntime([], FIELDS);
    fake.contacts = people(fake.now);
    renderPage(fake);
    await waitFor(() => expect(shownIds()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: 'vip' } });
    await waitFor(() => expect(shownIds()).toEqual(['c-ana', 'c-ben']));
    fireEvent.click(screen.getByRole('button', { name: 'Ben Jones' }));
    const form = await screen.findByRole('form', { name: 'Details' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Benjamin Jones' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save details' }));
    await within(form).findByText('Saved.');
    fireEvent.click(screen.getByRole('button', { name: 'All contacts' }));
    expect((screen.getByLabelText('Search contacts') as HTMLInputElement).value).toBe('vip');
    expect(await screen.findByRole('button', { name: 'Benjamin Jones' })).toBeTruthy();
    expect(shownIds()).toEqual(['c-ana', 'c-ben']);
  });
});

describe('Erase and the segment counts', () => {
  it('asks the sidebar and the live count again after an erase', async () => {
    const fake = fakeContactsRuntime([], FIELDS);
    fake.contacts = people(fake.now);
    fake.segments.set('vip', {
      id: 'vip',
      name: 'VIP',
      filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] },
      createdAt: 1,
      updatedAt: 1,
    });
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: /^VIP/ }));
    await waitFor(() => expect(document.querySelector('.seg-count')!.textContent).toContain('2 contacts · 1 can receive marketing'));
    fireEvent.click(await screen.findByRole('button', { name: 'Ana Silva' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Erase' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Erase Ana Silva' }));
    await screen.findByText(/^Erased Ana Silva:/);
    await waitFor(() => expect(document.querySelector('.seg-count')!.textContent).toContain('1 contact · 0 can receive marketing'));
    await waitFor(() => expect(screen.getByRole('button', { name: /^VIP/ }).textContent).toBe('VIP, 1 contact'));
    expect(shownIds()).toEqual(['c-ben']);
  });
});
