/**
 * Saving a template from the admin API: validated first (an invalid template is refused with its
 * issues, nothing written), then written as `<templatesDir>/<name>.template.json` through a temp
 * file and a rename (the watcher never reads half a file) and reloaded at once.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { validateTemplate } from '@parley/templates';
import type { TemplateIssue } from '@parley/templates';
import { TEMPLATE_SUFFIX, type TemplateEntry, type TemplateFiles } from './files';

export async function saveTemplate(
  files: TemplateFiles,
  baseDir: string,
  name: string,
  doc: Record<string, unknown>,
): Promise<{ ok: true; entry: TemplateEntry } | { ok: false; issues: TemplateIssue[] }> {
  const path = join(files.dir, `${name}${TEMPLATE_SUFFIX}`);
  const { template, issues } = validateTemplate(doc, relative(baseDir, path) || path);
  if (!template) return { ok: false, issues };
  await mkdir(files.dir, { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(doc, null, 2)}\n`);
  await rename(temp, path);
  const entry = await files.reloadFile(name);
  if (!entry) throw new Error(`${path} vanished right after it was written`);
  return { ok: true, entry };
}
