/** `parley templates` command lines that are wrong, in process: each a precise message and exit 2 (or 1), never a crash. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';

async function parley(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['templates', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    interactive: false,
    stdin: process.stdin,
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

function project(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-templates-cmd-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(
    join(dir, 'templates/order_update.template.json'),
    JSON.stringify({
      name: 'order_update',
      category: 'utility',
      parameters: { order_id: { type: 'text', example: 'A1' } },
      languages: { en: { body: 'Good news: your order {{order_id}} has shipped and is on its way to you.' } },
    }),
  );
  if (config) writeFileSync(join(dir, 'parley.config.json'), JSON.stringify(config));
  return dir;
}

const CONFIG = {
  admin: { tokenEnv: 'A', passwordEnv: 'B' },
  graph: { baseUrl: 'http://127.0.0.1:9', version: 'v23.0' },
  tenants: [
    { id: 'shop', accessTokenEnv: 'SHOP_TOKEN', channels: [{ type: 'whatsapp', phoneNumberId: '1065403522', wabaId: '555' }] },
    { id: 'other', channels: [{ type: 'whatsapp', phoneNumberId: '1065403523' }] },
  ],
};

describe('parley templates (command line)', () => {
  it('lists the subcommands, and refuses an unknown one', async () => {
    const dir = project();
    expect((await parley(['--help'], dir)).stdout).toContain('dry-run <flow> [--samples file.jsonl]');
    const unknown = await parley(['publish'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand "publish"');
  });

  it('validates without a config', async () => {
    const run = await parley(['validate'], project());
    expect(run.stdout).toContain('1 template checked: 0 errors, 0 warnings');
    expect(run.code).toBe(0);
  });

  it('names the tenants when --tenant is wrong', async () => {
    const run = await parley(['status', '--tenant', 'nope'], project(CONFIG));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no tenant "nope" in the config; its tenants are shop, other');
  });

  it('says what is missing to reach Meta: the wabaId, the token', async () => {
    const dir = project(CONFIG);
    const noWaba = await parley(['pull', '--tenant', 'other'], dir);
    expect(noWaba.code).toBe(1);
    expect(noWaba.stderr).toContain(
      'tenant other has no WhatsApp Business Account id: add "wabaId" to its whatsapp channel in parley.config.json',
    );
    const noToken = await parley(['push'], dir);
    expect(noToken.stderr).toContain('tenant shop: the access token variable SHOP_TOKEN is not set');
  });

  it('reports an unreachable Graph API as an error of the command, with the call', async () => {
    const run = await parley(['push'], project(CONFIG), { SHOP_TOKEN: 'secret-token-value' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot list the templates of WhatsApp Business Account 555');
    expect(run.stderr).not.toContain('secret-token-value');
  });

  it('refuses a missing --config, and a dry-run without one existing flow', async () => {
    const dir = project(CONFIG);
    expect((await parley(['status', '--config', 'nope.json'], dir)).stderr).toContain('nope.json');
    const dry = await parley(['dry-run'], dir);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('give exactly one flow file');
    const missingSamples = await parley(['dry-run', 'flows/x.flow.json'], dir);
    expect(missingSamples.code).toBe(2);
    expect(missingSamples.stderr).toContain('flows/x.flow.json: no such file');
  });
});
