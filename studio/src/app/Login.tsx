/** Sign in with the configured password, or paste an admin token. */
import { useId, useState } from 'react';
import { ApiError, type ApiClient } from '../api/client';

export function Login({ api, onSignedIn }: { api: ApiClient; onSignedIn: (token: string) => void }) {
  const id = useId();
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'password') {
        onSignedIn(await api.login(secret));
      } else {
        api.setToken(secret.trim());
        await api.listFlows(); // proves the token works
        onSignedIn(secret.trim());
      }
    } catch (e) {
      api.setToken(null);
      setError(e instanceof ApiError && e.status === 401
        ? mode === 'password' ? 'That password is not right. Try again.' : 'That token is not valid.'
        : e instanceof ApiError ? e.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Parley Studio</h1>
        <p>Sign in to draw, test and publish conversations.</p>
        <div className="field">
          <label htmlFor={`${id}-secret`}>{mode === 'password' ? 'Password' : 'Admin token'}</label>
          <input id={`${id}-secret`} type="password" autoComplete={mode === 'password' ? 'current-password' : 'off'} autoFocus
            value={secret} onChange={(e) => setSecret(e.target.value)} aria-invalid={!!error || undefined} />
        </div>
        {error && <p className="field-issues error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy || !secret}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <button type="button" className="link" onClick={() => { setMode(mode === 'password' ? 'token' : 'password'); setError(null); }}>
          {mode === 'password' ? 'Use an admin token instead' : 'Use the password instead'}
        </button>
      </form>
    </main>
  );
}
