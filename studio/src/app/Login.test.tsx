// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiClient } from '../api/client';
import { Login } from './Login';

afterEach(cleanup);

/** A fake runtime: the configured modes, a password, an admin token. */
function server(cfg: { password?: string; token?: string }) {
  const onUnauthorized = vi.fn();
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const fetchImpl = vi.fn(async (url: string, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (url === '/api/login/modes') return json(200, { password: !!cfg.password, token: !!cfg.token });
    if (url === '/api/login') {
      const { password } = JSON.parse(String(init?.body)) as { password: string };
      if (cfg.password && password === cfg.password) return json(200, { token: 'pl1.login' });
      return json(401, { error: { code: 'unauthorized', message: cfg.password ? 'wrong password' : 'password login is not configured' } });
    }
    if (url === '/api/flows')
      return auth === `Bearer ${cfg.token}` || auth === 'Bearer pl1.login'
        ? json(200, [])
        : json(401, { error: { code: 'unauthorized', message: 'no' } });
    return json(404, {});
  });
  return { api: new ApiClient(null, '/api', fetchImpl as unknown as typeof fetch, onUnauthorized), onUnauthorized };
}

async function signIn(secret: string) {
  fireEvent.change(screen.getByLabelText(/Password|Admin token/), { target: { value: secret } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Login', () => {
  it('opens on the admin token when the server has no password configured, and offers no password mode', async () => {
    const { api } = server({ token: 'tok-123' });
    render(<Login api={api} onSignedIn={() => {}} />);
    expect(await screen.findByLabelText('Admin token')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use the password instead' })).toBeNull();
  });

  it('opens on the password when one is configured', async () => {
    const { api } = server({ password: 'pw', token: 'tok-123' });
    render(<Login api={api} onSignedIn={() => {}} />);
    await screen.findByRole('button', { name: 'Use an admin token instead' });
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('accepts an admin token pasted into the password field', async () => {
    const { api, onUnauthorized } = server({ password: 'pw', token: 'tok-123' });
    const onSignedIn = vi.fn();
    render(<Login api={api} onSignedIn={onSignedIn} />);
    await screen.findByRole('button', { name: 'Use an admin token instead' });
    await signIn(' tok-123 ');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('tok-123'));
    expect(api.authToken).toBe('tok-123');
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepts a token in the password field when password login is off (before the modes answer too)', async () => {
    const { api } = server({ token: 'tok-123' });
    const onSignedIn = vi.fn();
    render(<Login api={api} onSignedIn={onSignedIn} />);
    await signIn('tok-123');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('tok-123'));
  });

  it('says the password is wrong only when it is neither the password nor a token', async () => {
    const { api } = server({ password: 'pw', token: 'tok-123' });
    const onSignedIn = vi.fn();
    render(<Login api={api} onSignedIn={onSignedIn} />);
    await screen.findByRole('button', { name: 'Use an admin token instead' });
    await signIn('nope');
    expect((await screen.findByRole('alert')).textContent).toBe('That password is not right. Try again.');
    expect(api.authToken).toBeNull();
    await signIn('pw');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('pl1.login'));
  });
});
