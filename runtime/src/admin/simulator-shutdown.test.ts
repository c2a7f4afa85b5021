import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ALL_ROLES } from '../app/roles';
import { startRuntime } from '../app/runtime';
import { createMemoryStores } from '../stores';
import { TEST_ADMIN_TOKEN, createTestContext } from '../testing/context';
import { waitFor } from '../testing/seed';

it('an open simulator stream neither loses bot messages nor stalls shutdown', async () => {
  const flowsDir = mkdtempSync(join(tmpdir(), 'parley-sim-'));
  copyFileSync(new URL('../../../test/integration/fixtures/echo.flow.json', import.meta.url), join(flowsDir, 'echo.flow.json'));
  const ctx = createTestContext(createMemoryStores(), { flowsDir });
  const rt = await startRuntime(ctx, { roles: new Set(ALL_ROLES), port: 0, host: '127.0.0.1', watch: false });
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const created = await fetch(`${rt.url}/api/simulator/sessions`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ flowId: 'echo' }),
  });
  const { sessionId } = (await created.json()) as { sessionId: string };
  const res = await fetch(`${rt.url}/api/simulator/sessions/${sessionId}/events`, { headers: auth });
  const reader = res.body!.getReader();
  let text = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      text += new TextDecoder().decode(value);
    }
  })();
  await fetch(`${rt.url}/api/simulator/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ message: { kind: 'text', text: 'ping' } }),
  });
  await waitFor('echo', () => text.includes('got ping'));
  expect(text).toContain('"type":"state"');
  const bad = await fetch(`${rt.url}/api/simulator/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ message: { kind: 'telepathy' } }),
  });
  expect(bad.status).toBe(400);
  const started = Date.now();
  await rt.stop();
  await pump;
  expect(Date.now() - started).toBeLessThan(3000);
});
