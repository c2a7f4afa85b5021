/**
 * What the admin API lists for a template: its file (valid or not, with issues), its parameters,
 * and per language Meta's state next to the file's content hash (`changed`: the file differs
 * from what was submitted) — plus the flows whose template nodes send it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_CATEGORIES, type TemplateCategory } from '@parley/contract';
import type { TemplateSummary } from '@parley/contract/api';
import type { TemplateEntry } from './files';
import type { RuntimeTemplates } from './runtime-templates';

export async function summarize(
  service: RuntimeTemplates,
  tenant: string,
  entry: TemplateEntry,
  usedBy: string[],
): Promise<TemplateSummary> {
  const raw = isRecord(entry.raw) ? entry.raw : {};
  const doc = entry.template ?? raw;
  const states = await service.states(tenant, entry.name);
  const languages = Object.keys(isRecord(doc.languages) ? doc.languages : {});
  const parameters: TemplateSummary['parameters'] = {};
  for (const [name, spec] of Object.entries(isRecord(doc.parameters) ? doc.parameters : {})) {
    if (!isRecord(spec)) continue;
    parameters[name] = { type: typeof spec.type === 'string' ? spec.type : 'text', optional: spec.fallback !== undefined };
  }
  const category = (TEMPLATE_CATEGORIES as readonly unknown[]).includes(doc.category) ? (doc.category as TemplateCategory) : 'marketing';
  return {
    name: entry.name,
    category,
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    parameters,
    languages: languages.map((language) => {
      const state = states[language] ?? { status: 'not_submitted' as const };
      const fileHash = entry.hashes[language] ?? '';
      return { ...state, language, fileHash, changed: fileHash === '' || state.hash !== fileHash };
    }),
    issues: entry.issues,
    usedBy,
  };
}

/** Template name → ids of the flows (files in the flows folder) whose template nodes send it. */
export async function templateUsage(flowsDir: string): Promise<Map<string, string[]>> {
  const usage = new Map<string, string[]>();
  let files: string[] = [];
  try {
    files = (await readdir(flowsDir)).filter((f) => f.endsWith('.flow.json'));
  } catch {
    return usage;
  }
  for (const file of files.sort()) {
    let flow: unknown;
    try {
      flow = JSON.parse(await readFile(join(flowsDir, file), 'utf8'));
    } catch {
      continue;
    }
    if (!isRecord(flow) || !Array.isArray(flow.nodes)) continue;
    const id = typeof flow.id === 'string' ? flow.id : file.slice(0, -'.flow.json'.length);
    for (const node of flow.nodes) {
      if (!isRecord(node) || node.type !== 'template' || typeof node.name !== 'string') continue;
      const users = usage.get(node.name) ?? [];
      if (!users.includes(id)) usage.set(node.name, [...users, id]);
    }
  }
  return usage;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
