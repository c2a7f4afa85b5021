// @vitest-environment jsdom
/**
 * The Templates page against the runtime's templates API contract (a fake over fetch, with a real
 * streamed SSE body) and the real @parley/templates validator and preview running in the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { TemplateFile } from '@parley/templates';
import { ApiClient } from '../api/client';
import { fakeTemplatesRuntime, type FakeTemplatesRuntime } from './fakeTemplatesRuntime';
import { TemplatesPage } from './TemplatesPage';

afterEach(cleanup);

const orderUpdate = (): TemplateFile => ({
  name: 'order_update',
  category: 'utility',
  description: 'Order shipped',
  parameters: {
    first_name: { type: 'text', example: 'Maya', fallback: 'there' },
    order_id: { type: 'text', example: '123456' },
  },
  languages: {
    en: {
      header: { format: 'text', text: 'Order {{order_id}}' },
      body: 'Hi {{first_name}}, your order {{order_id}} has shipped and is on its way to you.',
      footer: 'Reply STOP to opt out',
      buttons: [{ type: 'quick_reply', text: 'Talk to a person', payload: 'talk' }],
    },
    es: {
      header: { format: 'text', text: 'Pedido {{order_id}}' },
      body: 'Hola {{first_name}}, tu pedido {{order_id}} ya salió y va en camino hacia ti.',
      buttons: [{ type: 'quick_reply', text: 'Hablar con alguien', payload: 'talk' }],
    },
  },
});

function setup(fake: FakeTemplatesRuntime, opts: { open?: string; pollMs?: number } = {}) {
  const api = new ApiClient('token', '/api', fake.fetch);
  function Harness() {
    const [name, setName] = useState<string | null>(opts.open ?? null);
    return (
      <TemplatesPage api={api} name={name} onNavigate={setName} guard={() => {}} nav={null} onSignOut={() => {}} pollMs={opts.pollMs} />
    );
  }
  return render(<Harness />);
}

const row = (name: string) => document.querySelector(`tr[data-template="${name}"]`) as HTMLElement;
const badge = (scope: ParentNode, lang: string) => scope.querySelector(`.tpl-badge[data-language="${lang}"]`) as HTMLElement;

describe('Templates page: the list', () => {
  it('shows each language’s status, the quality, the category, pending edits and problems', async () => {
    const changed = orderUpdate();
    const fake = fakeTemplatesRuntime([changed], {
      'order_update/en': { status: 'approved', quality: 'red' },
      'order_update/es': { status: 'rejected', reason: 'INVALID_FORMAT' },
    });
    fake.files.get('order_update')!.languages.es!.footer = 'Responde STOP';
    setup(fake);
    await waitFor(() => expect(row('order_update')).toBeTruthy());
    const r = row('order_update');
    expect(badge(r, 'en').dataset.status).toBe('approved');
    expect(badge(r, 'en').textContent).toContain('Approved');
    expect(badge(r, 'es').getAttribute('aria-label')).toBe('es: Rejected — INVALID_FORMAT; changed since submitted');
    expect(within(r).getByText('Utility')).toBeTruthy();
    expect(within(r).getByText('en: Low')).toBeTruthy();
    expect(within(r).getByText('Changed since submitted: es')).toBeTruthy();
    expect(within(r).getByText('None')).toBeTruthy();
  });

  it('turns a badge when Meta decides, from the live stream, without a reload', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()], {
      'order_update/en': { status: 'pending' },
      'order_update/es': { status: 'pending' },
    });
    setup(fake);
    await waitFor(() => expect(screen.getByText('Status updates live')).toBeTruthy());
    const listCalls = () => fake.calls.filter((c) => c.path === '/templates').length;
    const before = listCalls();
    act(() => fake.push({ kind: 'status', name: 'order_update', language: 'es', status: 'approved' }));
    await waitFor(() => expect(badge(row('order_update'), 'es').dataset.status).toBe('approved'));
    expect(badge(row('order_update'), 'en').dataset.status).toBe('pending');
    expect(listCalls()).toBe(before);
  });

  it('polls the list when the stream is not available', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()], { 'order_update/en': { status: 'pending' } });
    fake.refuseStream = 404;
    setup(fake, { pollMs: 50 });
    await waitFor(() => expect(screen.getByText('Status checked every few seconds')).toBeTruthy());
    fake.states.set('order_update/en', { status: 'approved' });
    await waitFor(() => expect(badge(row('order_update'), 'en').dataset.status).toBe('approved'));
  });

  it('refuses a new template name Meta would not take', async () => {
    setup(fakeTemplatesRuntime([orderUpdate()]));
    await waitFor(() => expect(row('order_update')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Order Update' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create template' }));
    expect(screen.getByRole('alert').textContent).toMatch(/lowercase letters, digits and _/);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'order_update' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create template' }));
    expect(screen.getByRole('alert').textContent).toBe('There is already a template called order_update.');
  });
});

describe('Templates page: the editor', () => {
  it('counts the body as you type, shows the validator’s error under it, and saves the fixed file', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()]);
    setup(fake, { open: 'order_update' });
    const body = (await screen.findByLabelText('Body')) as HTMLTextAreaElement;
    const field = body.closest('.tpl-field') as HTMLElement;
    expect(within(field).getByText(/^\d+\/1024$/, { selector: '.counter *, .counter', exact: false })).toBeTruthy();

    const long = `Hi {{first_name}}, your order {{order_id}} ${'is on its way '.repeat(70)}today.`;
    fireEvent.change(body, { target: { value: long } });
    const counter = field.querySelector('.counter') as HTMLElement;
    expect(counter.textContent).toContain(`${long.length}/1024`);
    expect(counter.classList.contains('over')).toBe(true);
    expect(body.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(field.querySelector('.field-issues .error')?.textContent).toMatch(/1,?024/));

    fireEvent.change(body, { target: { value: 'Hi {{first_name}}, order {{order_id}} is on its way today.' } });
    expect(counter.classList.contains('over')).toBe(false);
    expect(field.querySelector('.field-issues')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = fake.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/templates/order_update');
    expect((put.body as { template: TemplateFile }).template.languages.en!.body).toBe(
      'Hi {{first_name}}, order {{order_id}} is on its way today.',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true));
  });

  it('counts header, footer and button text against Meta’s limits', async () => {
    setup(fakeTemplatesRuntime([orderUpdate()]), { open: 'order_update' });
    const footer = await screen.findByLabelText('Footer (optional)');
    fireEvent.change(footer, { target: { value: 'x'.repeat(61) } });
    expect(footer.closest('.tpl-field')!.querySelector('.counter')!.textContent).toContain('61/60');
    const button = screen.getByLabelText('Button text');
    fireEvent.change(button, { target: { value: 'A button text that is too long' } });
    const counter = button.closest('.tpl-field')!.querySelector('.counter')!;
    expect(counter.textContent).toContain('30/25');
    expect(counter.classList.contains('over')).toBe(true);
    expect(screen.getByText(/^1\/10 buttons/)).toBeTruthy();
  });

  it('previews the language shown with the examples filled in, WhatsApp-style', async () => {
    setup(fakeTemplatesRuntime([orderUpdate()]), { open: 'order_update' });
    const preview = await screen.findByRole('figure', { name: 'Preview in en, with the examples' });
    await waitFor(() =>
      expect(preview.querySelector('.wa-body')?.textContent).toBe('Hi Maya, your order 123456 has shipped and is on its way to you.'),
    );
    expect(preview.querySelector('.wa-header-text')?.textContent).toBe('Order 123456');
    expect(preview.querySelector('.wa-footer')?.textContent).toBe('Reply STOP to opt out');
    expect([...preview.querySelectorAll('.wa-button')].map((b) => b.textContent)).toEqual(['Talk to a person']);
    // The language tabs: arrow keys move between them, and the preview follows.
    const en = screen.getByRole('tab', { name: /^en/ });
    en.focus();
    fireEvent.keyDown(en, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: /^es/ }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^es/ }));
    await waitFor(() =>
      expect(screen.getByRole('figure', { name: 'Preview in es, with the examples' }).querySelector('.wa-body')?.textContent).toMatch(
        /^Hola Maya/,
      ),
    );
  });

  it('submits the saved file and shows what Meta got; the badge follows the stream', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()]);
    setup(fake, { open: 'order_update' });
    const submit = await screen.findByRole('button', { name: 'Submit to Meta' });
    await waitFor(() => expect(submit.hasAttribute('disabled')).toBe(false));
    fireEvent.click(submit);
    await screen.findByText('Submitted en (new), es (new) to Meta for review.', { selector: '.banner' });
    await waitFor(() => expect(badge(document.querySelector('.toolbar')!, 'en').dataset.status).toBe('pending'));
    await waitFor(() => expect(fake.openStreams()).toBeGreaterThan(0));
    act(() => fake.push({ kind: 'status', name: 'order_update', language: 'en', status: 'approved' }));
    await waitFor(() => expect(badge(document.querySelector('.toolbar')!, 'en').dataset.status).toBe('approved'));
    // Meta has every language as saved: nothing left to submit until the next edit.
    expect(screen.getByRole('button', { name: 'Submit to Meta' }).getAttribute('title')).toBe(
      'Nothing to submit: Meta has every language as it is saved.',
    );
    expect(fake.calls.filter((c) => c.path === '/templates/order_update/submit')).toHaveLength(1);
  });

  it('will not submit unsaved changes', async () => {
    setup(fakeTemplatesRuntime([orderUpdate()]), { open: 'order_update' });
    fireEvent.change(await screen.findByLabelText('Footer (optional)'), { target: { value: 'Bye' } });
    const submit = screen.getByRole('button', { name: 'Submit to Meta' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    expect(submit.getAttribute('title')).toBe('Save first: Meta gets the saved file.');
  });

  it('shows the server’s refusal of a save under the field it names', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()]);
    setup(fake, { open: 'order_update' });
    fireEvent.change(await screen.findByLabelText('Footer (optional)'), { target: { value: 'See you' } });
    fake.refuseSave = [
      {
        severity: 'error',
        code: 'server_rule',
        message: 'The server says the footer is wrong.',
        file: 'order_update.template.json',
        path: '/languages/en/footer',
        language: 'en',
        component: 'footer',
      },
    ];
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Not saved: templates\/order_update.template.json has errors/, { selector: '.banner' });
    const footer = screen.getByLabelText('Footer (optional)').closest('.tpl-field')!;
    expect(within(footer as HTMLElement).getByText('The server says the footer is wrong.')).toBeTruthy();
  });

  it('starts a new template from the list and creates its file on save', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()]);
    setup(fake);
    await waitFor(() => expect(row('order_update')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'welcome_back' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create template' }));
    expect(await screen.findByRole('heading', { name: 'welcome_back' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Body'), { target: { value: 'Welcome back! We kept your seat warm for you.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.files.get('welcome_back')?.languages.en?.body).toBe('Welcome back! We kept your seat warm for you.'));
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === '/templates/welcome_back')).toBe(false);
  });

  it('adds a parameter with the add form and a language copied from the one shown', async () => {
    const fake = fakeTemplatesRuntime([orderUpdate()]);
    setup(fake, { open: 'order_update' });
    fireEvent.change(await screen.findByLabelText('New parameter'), { target: { value: 'eta' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'date_time' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    expect(document.querySelector('tr[data-parameter="eta"]')).toBeTruthy();
    expect((screen.getByLabelText('Type of eta') as HTMLSelectElement).value).toBe('date_time');
    fireEvent.change(screen.getByLabelText('New language code'), { target: { value: 'pt_BR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add language' }));
    expect(screen.getByRole('tab', { name: /^pt_BR/ }).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByLabelText('Body') as HTMLTextAreaElement).value).toBe(orderUpdate().languages.en!.body);
  });
});
