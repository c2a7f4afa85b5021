/**
 * Sign in with the configured password, or paste an admin token. The form opens on the mode
 * the server has configured, and a token pasted into the password field still works: it is
 * tried as a token when the password is refused or password login is off.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError, type ApiClient } from '../api/client';

type Mode = 'password' | 'token';

export function Login({ api, onSignedIn }: { api: ApiClient; onSignedIn: (token: string) => void }) {
  const id = useId();
  const [mode, setMode] = useState<Mode | null>(null);
  const [modes, setModes] = useState<{ password: boolean; token: boolean } | null>(null);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.loginModes().then((m) => {
      if (!live) return;
      setModes(m);
      // Password first when both are set (the marketer's way in); the token when it is the only one.
      setMode((current) => current ?? (m && !m.password && m.token ? 'token' : 'password'));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const shown: Mode = mode ?? 'password';
  const passwordOff = modes !== null && !modes.password;

  const asToken = async (value: string): Promise<boolean> => {
    try {
      await api.useAdminToken(value);
      onSignedIn(value);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return false;
      throw e;
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const value = secret.trim();
    try {
      if (shown === 'token') {
        if (!(await asToken(value))) setError('That token is not valid. Paste the admin token the server printed (PARLEY_ADMIN_TOKEN).');
        return;
      }
      if (!passwordOff) {
        try {
          onSignedIn(await api.login(secret));
          return;
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 401)) throw e;
        }
      }
      // Refused as a password (or password login is off): it may be a pasted admin token.
      if (await asToken(value)) return;
      setError(
        passwordOff
          ? 'Password sign-in is not set up on this server, and that is not a valid admin token. Paste the admin token the server printed.'
          : 'That password is not right. Try again.',
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };

  const other: Mode = shown === 'password' ? 'token' : 'password';
  const otherAvailable = modes === null || modes[other];
  return (
    <main className="login">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-labelledby={`${id}-title`}
      >
        <h1 id={`${id}-title`}>Parley Studio</h1>
        <p>Sign in to draw, test and publish conversations.</p>
        <div className="field">
          <label htmlFor={`${id}-secret`}>{shown === 'password' ? 'Password' : 'Admin token'}</label>
          <input
            id={`${id}-secret`}
            type="password"
            autoComplete={shown === 'password' ? 'current-password' : 'off'}
            autoFocus
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            aria-invalid={!!error || undefined}
          />
        </div>
        {error && (
          <p className="field-issues error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !secret.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {otherAvailable && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(other);
              setError(null);
            }}
          >
            {shown === 'password' ? 'Use an admin token instead' : 'Use the password instead'}
          </button>
        )}
      </form>
    </main>
  );
}
