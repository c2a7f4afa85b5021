import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTemplateIssue, loadLocal, writeLock, writeTemplateFile } from './local';
import type { TemplatesWorkspace } from './workspace';

function workspace(): TemplatesWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'parley-local-'));
  const dir = join(root, 'templates');
  mkdirSync(dir);
  return {
    dir,
    dirDisplay: 'templates',
    lockPath: join(dir, 'templates.lock.json'),
    lockDisplay: 'templates/templates.lock.json',
    tenant: 'shop',
    remote: { ok: false, missing: 'test' },
    json: false,
  };
}

const VALID = {
  name: 'order_update',
  category: 'utility',
  parameters: { order_id: { type: 'text', example: 'A1' } },
  languages: { en: { body: 'Good news: your order {{order_id}} has shipped and is on its way to you.' } },
};

describe('loadLocal', () => {
  it('reads valid files, and turns unreadable ones into issues instead of throwing', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'order_update.template.json'), JSON.stringify(VALID));
    writeFileSync(join(ws.dir, 'broken.template.json'), '{ "name": ');
    writeFileSync(ws.lockPath, '{"lockVersion": 7}');
    const local = loadLocal(ws, join(ws.dir, '..'));
    expect(local.templates.map((t) => [t.name, Boolean(t.template)])).toEqual([
      ['broken', false],
      ['order_update', true],
    ]);
    expect(formatTemplateIssue(local.templates[0]!.issues[0]!)).toMatch(/^templates\/broken\.template\.json: .*invalid JSON/);
    expect(local.lockExists).toBe(true);
    expect(local.lockIssues.map(formatTemplateIssue)).toContain('templates/templates.lock.json: lockVersion: must be 1');
  });

  it('prints a template issue as file: language › component › field: message', () => {
    const ws = workspace();
    const tooLong = { ...VALID, languages: { en: { ...VALID.languages.en, footer: 'x'.repeat(61) } } };
    writeFileSync(join(ws.dir, 'order_update.template.json'), JSON.stringify(tooLong));
    const [issue] = loadLocal(ws, join(ws.dir, '..')).templates[0]!.issues;
    expect(formatTemplateIssue(issue!)).toBe('templates/order_update.template.json: en › footer: at most 60 characters (has 61)');
  });

  it('writes the lock and an imported file that read back the same', () => {
    const ws = workspace();
    writeLock(ws, { lockVersion: 1, tenants: { shop: { order_update: { en: { status: 'approved', id: '1', hash: 'h' } } } } });
    writeTemplateFile(
      ws,
      { name: 'order_update', category: 'utility', languages: VALID.languages, parameters: { order_id: { type: 'text', example: 'A1' } } },
      '../schemas/template.schema.json',
    );
    const local = loadLocal(ws, join(ws.dir, '..'));
    expect(local.lockIssues).toEqual([]);
    expect(local.lock.tenants.shop!.order_update!.en!.status).toBe('approved');
    expect(local.templates[0]!.issues).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(local.templates[0]!.path, 'utf8')))[0]).toBe('$schema');
  });
});
