// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiClient, ApiError } from '../api/client';
import { publishFlow, unapprovedTemplates } from '../api/publishFlow';
import { ForcePublishDialog } from './ForcePublishDialog';

afterEach(cleanup);

const refusal = {
  error: {
    code: 'templates_not_approved',
    message: 'Flow cart cannot be published: 1 template is not approved.',
    details: [{ name: 'cart_reminder', language: 'en', status: 'pending' }],
  },
};

describe('publish with force', () => {
  it('reads the refused templates from a 409 and sends force with the reason on the second try', async () => {
    const bodies: unknown[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body: unknown = JSON.parse(String(init?.body));
      bodies.push(body);
      const forced = (body as { force?: boolean }).force;
      return new Response(JSON.stringify(forced ? { version: 4 } : refusal), { status: forced ? 200 : 409 });
    });
    const api = new ApiClient('t', '/api', fetchImpl as typeof fetch);
    const first = await publishFlow(api, 'cart', 'new copy').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect(unapprovedTemplates(first)).toEqual([{ name: 'cart_reminder', language: 'en', status: 'pending' }]);
    expect(unapprovedTemplates(new ApiError(409, 'conflict', 'x'))).toBeNull();
    await expect(publishFlow(api, 'cart', 'new copy', { reason: 'Black Friday' })).resolves.toEqual({ version: 4 });
    expect(bodies).toEqual([{ summary: 'new copy' }, { summary: 'new copy', force: true, reason: 'Black Friday' }]);
  });

  it('lists template, language and status, and publishes anyway only with a reason', () => {
    const onForce = vi.fn();
    render(
      <ForcePublishDialog
        templates={[{ name: 'cart_reminder', language: 'en', status: 'pending' }]}
        onForce={onForce}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Templates not approved' });
    expect([...dialog.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['cart_reminder', 'en', 'pending']);
    fireEvent.click(screen.getByRole('button', { name: 'Publish anyway' }));
    expect(onForce).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Say why/);
    fireEvent.change(screen.getByLabelText('Reason for publishing anyway'), { target: { value: '  Sale starts now ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish anyway' }));
    expect(onForce).toHaveBeenCalledWith('Sale starts now');
  });
});
