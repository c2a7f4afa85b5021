// @vitest-environment jsdom
/**
 * The import wizard against the contract's import API (a fake that validates each row): the
 * file's first rows, the mapping guessed from the headers and changed by hand, the consent
 * wording required when marketing consent is imported, a dry run listing problems by row and
 * column, then the import with its progress and final counts, and the table reloading.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeContactsRuntime } from './fakeContactsRuntime';
import { FIELDS, people, renderPage, shownIds } from './testSetup.test-helper';

afterEach(cleanup);

const CSV = [
  'Mobile,Full name,Opt-in,Segment,Notes',
  '+351911111111,Rita Alves,yes,vip,called twice',
  '912222222,"Silva, João",no,,',
  'not-a-number,Bad Row,yes,,',
].join('\n');

async function openWizard() {
  const fake = fakeContactsRuntime([], FIELDS);
  fake.contacts = people(fake.now);
  renderPage(fake);
  await waitFor(() => expect(shownIds()).toHaveLength(5));
  const open = screen.getByRole('button', { name: 'Import contacts' });
  open.focus();
  fireEvent.click(open);
  const dialog = screen.getByRole('dialog', { name: 'Import contacts' });
  fireEvent.change(within(dialog).getByLabelText('CSV file'), {
    target: { files: [new File([CSV], 'spring-list.csv', { type: 'text/csv' })] },
  });
  await within(dialog).findByRole('table', { name: 'Columns' });
  return { fake, dialog };
}

const mapped = (dialog: HTMLElement, column: string) => (within(dialog).getByLabelText(column) as HTMLSelectElement).value;

describe('Import wizard', () => {
  it('previews the first rows and guesses each column from its header', async () => {
    const { dialog } = await openWizard();
    expect(mapped(dialog, 'Mobile')).toBe('phone');
    expect(mapped(dialog, 'Full name')).toBe('name');
    expect(mapped(dialog, 'Opt-in')).toBe('consent.marketing');
    expect(mapped(dialog, 'Notes')).toBe('');
    // The quoted comma stays in its cell.
    const nameRow = dialog.querySelector('tr[data-column="Full name"]') as HTMLElement;
    expect(nameRow.querySelector('.import-samples')!.textContent).toBe('Rita Alves · Silva, João · Bad Row');
    expect(within(dialog).getByText(/spring-list\.csv: the first 3 rows shown of 3\./)).toBeTruthy();
  });

  it('requires the consent wording when marketing consent is mapped, and a phone column', async () => {
    const { fake, dialog } = await openWizard();
    expect(within(dialog).getByLabelText('Consent wording (required)')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = within(dialog).getByRole('alert', { name: 'Fix before importing' });
    expect(alert.textContent).toMatch(/Marketing consent needs the wording people agreed to/);
    expect(within(dialog).getByLabelText('Consent wording (required)').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText('Mobile'), { target: { value: '' } });
    expect(within(dialog).getByRole('alert', { name: 'Fix before importing' }).textContent).toMatch(/Map one column to Phone number/);
    expect(fake.calls.some((c) => c.path === '/contacts/imports')).toBe(false);
    // Unmapping the consent column drops the requirement.
    fireEvent.change(within(dialog).getByLabelText('Mobile'), { target: { value: 'phone' } });
    fireEvent.change(within(dialog).getByLabelText('Opt-in'), { target: { value: '' } });
    expect(within(dialog).queryByLabelText('Consent wording (required)')).toBeNull();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('checks the file (dry run): problems by row and column, nothing imported', async () => {
    const { fake, dialog } = await openWizard();
    fireEvent.change(within(dialog).getByLabelText('Consent wording (required)'), {
      target: { value: 'Offers on WhatsApp, reply STOP to end' },
    });
    fireEvent.change(within(dialog).getByLabelText('Country of local numbers'), { target: { value: 'pt' } });
    expect(mapped(dialog, 'Segment')).toBe('');
    fireEvent.change(within(dialog).getByLabelText('Segment'), { target: { value: 'tags' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check file' }));
    const report = await within(dialog).findByRole('region', { name: 'Check report' });
    await waitFor(() => expect(report.dataset.status).toBe('done'));
    expect(within(report).getByRole('status').textContent).toBe('Checked 3 rows: 1 problem to fix. Nothing was imported yet.');
    const problems = within(report).getByRole('table', { name: '1 problem' });
    expect([...problems.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual([
      '4',
      'Mobile',
      '“not-a-number” is not a phone number',
    ]);
    const post = fake.calls.find((c) => c.path === '/contacts/imports')!;
    expect(post.query).toMatchObject({
      dryRun: 'true',
      country: 'PT',
      file: 'spring-list.csv',
      wording: 'Offers on WhatsApp, reply STOP to end',
    });
    expect(JSON.parse(post.query.map!)).toEqual({
      Mobile: 'phone',
      'Full name': 'name',
      'Opt-in': 'consent.marketing',
      Segment: 'tags',
      Notes: 'ignore',
    });
    expect(post.body).toBe(CSV);
    expect(fake.contacts).toHaveLength(5);
  });

  it('imports with a progress bar that follows the report, then the counts, and the table reloads', async () => {
    const { fake, dialog } = await openWizard();
    fireEvent.change(within(dialog).getByLabelText('Consent wording (required)'), { target: { value: 'Offers on WhatsApp' } });
    fireEvent.change(within(dialog).getByLabelText('Country of local numbers'), { target: { value: 'PT' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    // The first poll answers half the rows: the bar shows them against the file's row count.
    const progress = (await within(dialog).findByLabelText(/^Importing: 2 of 3 rows/)) as HTMLProgressElement;
    expect(progress.max).toBe(3);
    expect(progress.value).toBe(2);
    const report = within(dialog).getByRole('region', { name: 'Import report' });
    await waitFor(() => expect(report.dataset.status).toBe('done'));
    expect(within(report).getByRole('status').textContent).toBe('Imported 3 rows: 2 new, 0 updated, 1 skipped, 1 consents recorded.');
    expect(fake.imports.get('imp-1')!.polls).toBe(2);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByText('7 contacts', { selector: '.contacts-total' })).toBeTruthy());
    expect(shownIds()).toContain('imported-6');
  });

  it('closes with Escape and gives focus back to the button that opened it', async () => {
    await openWizard();
    const dialog = screen.getByRole('dialog', { name: 'Import contacts' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import contacts' }));
  });
});
