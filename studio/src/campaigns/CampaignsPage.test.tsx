// @vitest-environment jsdom
/**
 * The Campaigns page against the runtime's campaign API contract (an in-memory fake over fetch):
 * the form's validation and the body it saves, the audience count, the checklist gating Launch,
 * live progress with pause / resume / cancel, and the funnel with its A/B verdict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { Campaign } from '@parley/contract';
import type { FlowSummary, TemplateSummary } from '@parley/contract/api';
import { ApiClient } from '../api/client';
import { CampaignsPage } from './CampaignsPage';
import { emptyFunnel, fakeCampaignsRuntime, type FakeCampaignsRuntime } from './fakeCampaignsRuntime';

afterEach(cleanup);

const segmentFilter = { match: 'all' as const, conditions: [{ field: 'tags', op: 'has_tag' as const, value: 'vip' }] };
const template = (name: string, status: 'approved' | 'pending', category: 'marketing' | 'utility' = 'marketing'): TemplateSummary => ({
  name,
  category,
  parameters: { first_name: { type: 'text', optional: false }, code: { type: 'text', optional: true } },
  languages: [
    { language: 'en', status, fileHash: 'h', changed: false },
    { language: 'es', status: 'pending', fileHash: 'h', changed: false },
  ],
  issues: [],
  usedBy: [],
});
const flow = (id: string, publishedVersion: number | null): FlowSummary => ({
  id,
  name: id.replace(/_/g, ' '),
  revision: 1,
  publishedVersion,
  hasUnpublishedChanges: false,
  calledBy: [],
  issues: [],
});

function runtime(): FakeCampaignsRuntime {
  const fake = fakeCampaignsRuntime({
    flows: [flow('cart_reminder', 2), flow('draft_only', null)],
    templates: [template('spring_sale', 'approved'), template('not_yet', 'pending')],
    segments: [{ id: 'vips', name: 'VIP customers', filter: segmentFilter, createdAt: 1, updatedAt: 1, count: 120 }],
  });
  fake.previews.set(JSON.stringify(segmentFilter), { count: 120, consented: 100 });
  return fake;
}

function campaign(patch: Partial<Campaign> = {}): Campaign {
  return {
    id: 'spring',
    tenant: 'demo',
    name: 'Spring sale',
    status: 'draft',
    segment: 'vips',
    schedule: { type: 'now' },
    rateShare: 0.5,
    variants: [{ id: 'a', weight: 1, template: { name: 'spring_sale', values: { first_name: '{{contact.name}}' } } }],
    createdBy: 'tester',
    createdAt: 1,
    updatedAt: 1,
    ...patch,
  };
}

function setup(fake: FakeCampaignsRuntime, open: string | null = null) {
  const api = new ApiClient('token', '/api', fake.fetch);
  const seen: Array<string | null> = [];
  function Harness() {
    const [id, setId] = useState<string | null>(open);
    return (
      <CampaignsPage
        api={api}
        id={id}
        onNavigate={(next) => {
          seen.push(next);
          setId(next);
        }}
        nav={null}
        onSignOut={() => {}}
        pollMs={40}
      />
    );
  }
  return { ...render(<Harness />), seen };
}

/** Waits for an element (waitFor retries only on a throw, so a missing one throws). */
async function findEl(selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`no ${selector} yet`);
    return el;
  });
}
const field = (label: string) => screen.getByLabelText(label).closest('.field') as HTMLElement;
const launchButton = () => screen.getByRole('button', { name: /^Launch$/ });

describe('Campaigns page: the list', () => {
  it('shows each campaign’s status, audience and counts from its results', async () => {
    const fake = runtime();
    fake.campaigns.set('spring', campaign({ status: 'running', audienceSize: 120, startedAt: Date.UTC(2026, 2, 1, 9) }));
    fake.campaigns.set('summer', campaign({ id: 'summer', name: 'Summer', createdAt: 2 }));
    fake.results.set('spring', {
      totals: emptyFunnel({ audience: 120, sent: 80, delivered: 60, read: 30, converted: 4 }),
      variants: {},
      rate: 3,
    });
    setup(fake);
    const row = await findEl('tr[data-campaign="spring"]');
    expect(within(row).getByText('Running').dataset.status).toBe('running');
    expect(within(row).getByText('VIP customers')).toBeTruthy();
    expect(within(row).getByText('120 contacts')).toBeTruthy();
    await waitFor(() => expect(row.textContent).toContain('75 %'));
    expect(row.textContent).toContain('37.5 %');
    const draft = document.querySelector('tr[data-campaign="summer"]') as HTMLElement;
    expect(within(draft).getByText('Draft')).toBeTruthy();
    expect(within(draft).getByText('Not started')).toBeTruthy();
    expect(fake.calls.some((c) => c.path === '/campaigns/summer/results')).toBe(false);
  });
});

describe('Campaigns page: the draft form', () => {
  it('says what is missing under each field, and saves the body the API expects', async () => {
    const fake = runtime();
    const { seen } = setup(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'New campaign' }));
    await waitFor(() => expect(screen.getByRole('option', { name: /spring_sale/ })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Not saved: \d problems to fix/);
    expect(field('Name').textContent).toContain('Give the campaign a name.');
    expect(field('Segment').textContent).toContain('Choose the segment to send to.');
    expect(field('Template').textContent).toContain('Variant a: choose the template to send.');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Spring sale 2026' } });
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('spring-sale-2026');
    expect(field('Name').querySelector('.field-issues')).toBeNull();
    fireEvent.change(screen.getByLabelText('Segment'), { target: { value: 'vips' } });
    await waitFor(() =>
      expect(screen.getByText(/contacts match/).closest('p')!.textContent).toMatch(/120 contacts match; 100 can receive marketing/),
    );

    // A template WhatsApp has not approved cannot be picked; its required parameter must be filled.
    expect((screen.getByRole('option', { name: /not_yet/ }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'spring_sale' } });
    expect((screen.getByRole('option', { name: /^es/ }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(field('first_name').textContent).toContain('fill in first_name');
    fireEvent.change(screen.getByLabelText('first_name'), { target: { value: '{{contact.name}}' } });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'en' } });

    // A second variant, a flow that is not published: refused; the weights show their shares.
    fireEvent.click(screen.getByRole('button', { name: 'Add variant' }));
    const b = document.querySelector('fieldset[data-variant="b"]') as HTMLElement;
    fireEvent.click(within(b).getByLabelText('A flow'));
    expect((within(b).getByRole('option', { name: /draft only/ }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.change(within(b).getByLabelText('Flow to start'), { target: { value: 'cart_reminder' } });
    fireEvent.change(within(b).getByLabelText('Weight'), { target: { value: '3' } });
    expect(within(b).getByText('75 % of the audience')).toBeTruthy();
    expect(document.querySelector('fieldset[data-variant="a"] legend')!.textContent).toContain('25 % of the audience');

    // At a time in a fixed zone that does not exist, and a goal without its event name.
    fireEvent.click(screen.getByLabelText('At a date and time'));
    fireEvent.change(screen.getByLabelText('Send at'), { target: { value: '2099-05-01T10:00' } });
    fireEvent.click(screen.getByLabelText('One time zone for everyone'));
    fireEvent.change(screen.getByLabelText('Time zone name'), { target: { value: 'Mars/Olympus' } });
    fireEvent.click(screen.getByLabelText('A business event'));
    fireEvent.change(screen.getByLabelText('Share of the number’s send rate'.replace('’', "'")), { target: { value: '25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(field('Time zone name').textContent).toContain('“Mars/Olympus” is not a time zone');
    expect(field('Event name').textContent).toContain('Name the event');
    expect(fake.calls.some((c) => c.method === 'POST' && c.path === '/campaigns')).toBe(false);

    fireEvent.change(screen.getByLabelText('Time zone name'), { target: { value: 'Europe/Madrid' } });
    fireEvent.change(screen.getByLabelText('Event name'), { target: { value: 'order.placed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(seen).toEqual(['spring-sale-2026']));
    const post = fake.calls.find((c) => c.method === 'POST' && c.path === '/campaigns')!;
    expect(post.body).toEqual({
      id: 'spring-sale-2026',
      name: 'Spring sale 2026',
      segment: 'vips',
      schedule: { type: 'at', at: '2099-05-01T10:00', timezone: 'Europe/Madrid' },
      rateShare: 0.25,
      variants: [
        { id: 'a', weight: 1, template: { name: 'spring_sale', language: 'en', values: { first_name: '{{contact.name}}' } } },
        { id: 'b', weight: 3, flow: 'cart_reminder' },
      ],
      goal: { event: 'order.placed', windowDays: 7 },
    });
    // The saved draft opens with its checklist.
    expect(await screen.findByRole('heading', { name: 'Launch checklist' })).toBeTruthy();
  }, 40_000);

  it('refuses a taken id and shows the server’s refusal', async () => {
    const fake = runtime();
    fake.campaigns.set('spring', campaign());
    setup(fake);
    await findEl('tr[data-campaign="spring"]'); // the ids in use come from the list
    fireEvent.click(screen.getByRole('button', { name: 'New campaign' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Spring' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(field('Id').textContent).toContain('There is already a campaign with the id spring.');
    fireEvent.change(screen.getByLabelText('Id'), { target: { value: 'spring-2' } });
    fireEvent.change(screen.getByLabelText('Segment'), { target: { value: 'vips' } });
    await waitFor(() => expect(screen.getByRole('option', { name: /spring_sale/ })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'spring_sale' } });
    fireEvent.change(screen.getByLabelText('first_name'), { target: { value: 'friend' } });
    fake.refuse.set('POST /campaigns', { status: 422, code: 'invalid_campaign', message: 'The segment vips is empty.' });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not saved: The segment vips is empty.'));
  });
});

describe('Campaigns page: the launch checklist', () => {
  it('keeps Launch disabled while an error remains or changes are unsaved, then confirms with the audience size', async () => {
    const fake = runtime();
    fake.campaigns.set('spring', campaign());
    fake.checklist = {
      items: [
        { check: 'template_approved', level: 'error', message: 'spring_sale is not approved in es.' },
        { check: 'quiet_hours', level: 'warning', message: 'Quiet hours 21:00–08:00 hold some sends.' },
      ],
      audience: 120,
      consented: 100,
      estimatedDurationMs: 2_500,
      ratePerSecond: 40,
      canLaunch: false,
    };
    setup(fake, 'spring');
    const error = await findEl('li[data-check="template_approved"]');
    expect(error.dataset.level).toBe('error');
    expect(error.textContent).toBe('Must fix: spring_sale is not approved in es.');
    expect(launchButton().hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Fix the error above first.')).toBeTruthy();
    // The slider knows the number's rate from the checklist: 40 msg/s is 50 % of 80.
    expect(screen.getByText(/Uses 50 % of the number's 80 msg\/s \(40 msg\/s\)/)).toBeTruthy();

    fake.checklist = { ...fake.checklist, items: [{ check: 'template_approved', level: 'ok', message: 'Approved.' }], canLaunch: true };
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(launchButton().hasAttribute('disabled')).toBe(false));

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Spring sale!' } });
    expect(launchButton().hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/Save your changes first/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(launchButton().hasAttribute('disabled')).toBe(false));
    expect(fake.campaigns.get('spring')!.name).toBe('Spring sale!');

    fireEvent.click(launchButton());
    const dialog = screen.getByRole('alertdialog', { name: 'Launch “Spring sale!”?' });
    expect(dialog.textContent).toContain('120 contacts, of whom 100 can receive marketing');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Not yet' }));
    expect(fake.calls.some((c) => c.path === '/campaigns/spring/launch')).toBe(false);
    fireEvent.click(launchButton());
    fireEvent.click(screen.getByRole('button', { name: 'Launch to 100 contacts' }));
    await screen.findByRole('progressbar');
    expect(fake.calls.filter((c) => c.path === '/campaigns/spring/launch')).toHaveLength(1);
  });
});

describe('Campaigns page: live progress', () => {
  it('polls the results, pauses with the reason shown, resumes, and cancels only after confirming', async () => {
    const fake = runtime();
    fake.campaigns.set('spring', campaign({ status: 'running', audienceSize: 200, startedAt: Date.now() }));
    const totals = (pending: number, sent: number) =>
      emptyFunnel({ audience: 200, suppressed: 20, suppressedBy: { no_consent: 20 }, pending, queued: 180 - pending - sent, sent });
    fake.results.set('spring', { totals: totals(180, 0), variants: { a: totals(180, 0) }, rate: 0, remainingMs: 90_000 });
    setup(fake, 'spring');
    const bar = await screen.findByRole('progressbar', { name: 'Contacts handled' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('20'));
    expect(screen.getByText('about 1 min 30 s')).toBeTruthy();

    fake.results.set('spring', { totals: totals(60, 100), variants: { a: totals(60, 100) }, rate: 39.6, remainingMs: 3_000 });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('140'));
    expect(bar.getAttribute('aria-valuetext')).toBe('140 of 200 contacts (70 %)');
    expect(screen.getByText('39.6 msg/s')).toBeTruthy();

    // The runtime auto-pauses: the next poll reports it and the page shows why.
    fake.campaigns.set('spring', {
      ...fake.campaigns.get('spring')!,
      status: 'paused',
      pausedReason: 'Auto-paused: 7 % of sends failed with 131049',
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Auto-paused: 7 % of sends failed with 131049'));
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy());
    expect(screen.queryByText(/Auto-paused/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Paused by tester'));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel campaign' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel “Spring sale”?' });
    expect(dialog.textContent).toContain('60 contacts have not been messaged yet');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep sending' }));
    expect(fake.campaigns.get('spring')!.status).toBe('paused');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel campaign' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel campaign' }));
    await waitFor(() => expect(document.querySelector('.cmp-detail-head [data-status]')!.getAttribute('data-status')).toBe('cancelled'));
    expect(screen.queryByRole('button', { name: /Cancel campaign|Pause|Resume/ })).toBeNull();
    // Ended: the results stop being polled (at 40 ms a live poller would ask ~7 times in 300 ms).
    const resultCalls = () => fake.calls.filter((c) => c.path === '/campaigns/spring/results').length;
    await act(() => new Promise((r) => setTimeout(r, 150)));
    const polls = resultCalls();
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(resultCalls()).toBe(polls);
  });
});

describe('Campaigns page: results', () => {
  const arm = (sent: number, converted: number, extra: Partial<ReturnType<typeof emptyFunnel>> = {}) =>
    emptyFunnel({
      audience: sent + 10,
      suppressed: 10,
      suppressedBy: { opted_out: 4, no_consent: 6 },
      sent,
      delivered: sent - 5,
      read: sent / 2,
      converted,
      ...extra,
    });

  it('shows the funnel per variant with rates and highlights a winner only when the difference is meaningful', async () => {
    const fake = runtime();
    const goal = { event: 'order.placed', windowDays: 7 };
    fake.campaigns.set('spring', campaign({ status: 'completed', goal, finishedAt: Date.now(), audienceSize: 820 }));
    const a = arm(400, 20, { failed: 3, failedBy: { engagement: 3 } });
    const b = arm(400, 60);
    fake.results.set('spring', { totals: emptyFunnel({ ...a, audience: 820, sent: 800, converted: 80 }), variants: { a, b }, rate: 0 });
    setup(fake, 'spring');
    const table = await screen.findByRole('table', { name: 'Funnel per variant' });
    const cell = (stage: string, column: number) =>
      [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent === stage)!.querySelectorAll('td')[column]!
        .textContent;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Stage',
      'Variant a',
      'Variant b Winner',
      'Total',
    ]);
    expect(cell('Converted', 0)).toBe('20 5 %');
    expect(cell('Converted', 1)).toBe('60 15 %');
    expect(cell('Opted out', 0)).toBe('0 0 %');
    expect(cell('No marketing opt-in', 0)).toBe('6 1.5 %');
    expect(cell('Had opted out', 1)).toBe('4 1 %');
    expect(cell('Ecosystem engagement', 0)).toBe('3 0.8 %');
    expect(table.querySelector('th.cmp-winner')!.getAttribute('data-variant')).toBe('b');
    const verdict = document.querySelector('.cmp-verdict') as HTMLElement;
    expect(verdict.textContent).toContain('Variant b wins');
    expect(within(verdict).getByText(/Variant a: 5 % conversion rate/).textContent).toMatch(/95 % interval 3\.\d %–7\.\d %/);
  });

  it('says “not enough data yet” on small numbers and names no winner on a close race', async () => {
    const fake = runtime();
    fake.campaigns.set('spring', campaign({ status: 'completed', goal: { event: 'x', windowDays: 7 } }));
    fake.results.set('spring', { totals: arm(40, 4), variants: { a: arm(20, 0), b: arm(20, 4) }, rate: 0 });
    setup(fake, 'spring');
    await screen.findByText(/Not enough data yet: each variant needs at least 30 sent messages/);
    expect(document.querySelector('.cmp-winner')).toBeNull();
    cleanup();

    const close = runtime();
    close.campaigns.set('spring', campaign({ status: 'completed' }));
    const r = (sent: number, replied: number) => arm(sent, 0, { replied });
    close.results.set('spring', { totals: r(800, 90), variants: { a: r(400, 40), b: r(400, 50) }, rate: 0 });
    setup(close, 'spring');
    await screen.findByText(/No clear winner yet: variant b leads/);
    expect(screen.getByText(/Variant a: 10 % reply rate/)).toBeTruthy();
    expect(document.querySelector('.cmp-winner')).toBeNull();
  });
});
