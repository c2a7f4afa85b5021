/**
 * Submitting one template to Meta: each language whose content differs from what was submitted
 * (or that was never submitted) is created, or edited where Meta allows edits (approved,
 * rejected, paused). Media headers need an upload handle as their example: the example URL is
 * fetched and uploaded through the tenant's app. Returns one result per language; the service
 * stores the states.
 */
import type { TemplateCategory, TemplateLanguageState, TemplateStatus } from '@parley/contract';
import { statusFromMeta, toMetaCreate, toMetaEdit } from '@parley/templates';
import type { TemplateFile } from '@parley/templates';
import type { TemplateLister } from './reconcile';

/** What a submit needs of the Graph client (runtime/src/templates/graph-api.ts). */
export interface TemplateWriter extends TemplateLister {
  create(wabaId: string, body: Record<string, unknown>): Promise<{ id: string; status: TemplateStatus; category?: TemplateCategory }>;
  edit(templateId: string, body: Record<string, unknown>): Promise<void>;
  uploadMedia(appId: string, bytes: Uint8Array, mimeType: string, fileName: string): Promise<string>;
}

export interface SubmitResult {
  language: string;
  action: 'created' | 'edited' | 'unchanged' | 'failed';
  state?: TemplateLanguageState;
  error?: string;
}

export interface SubmitInput {
  template: TemplateFile;
  /** language → languageHash of the file now. */
  hashes: Record<string, string>;
  wabaId: string;
  appId?: string;
  api: TemplateWriter;
  /** What Parley knows of each language now. */
  live(language: string): TemplateLanguageState;
  /** Downloads a media example (the runtime's fetch). */
  download(url: string): Promise<{ bytes: Uint8Array; mimeType: string }>;
  now: number;
}

/** Meta accepts edits only in these states. */
const EDITABLE = new Set<TemplateStatus>(['approved', 'rejected', 'paused']);

export async function submitTemplate(input: SubmitInput): Promise<SubmitResult[]> {
  const { template, wabaId, api } = input;
  const remote = (await api.list(wabaId)).filter((t) => t.name === template.name);
  const results: SubmitResult[] = [];
  for (const language of Object.keys(template.languages)) {
    const hash = input.hashes[language]!;
    const known = input.live(language);
    if (known.hash === hash && known.status !== 'not_submitted' && known.status !== 'deleted') {
      results.push({ language, action: 'unchanged', state: known });
      continue;
    }
    try {
      const headerHandles = await mediaHandles(input, language);
      const existing = remote.find((t) => t.language === language);
      if (existing) {
        const status = statusFromMeta(existing.status);
        if (!EDITABLE.has(status)) {
          results.push({
            language,
            action: 'failed',
            error: `Meta edits only approved, rejected or paused templates; ${template.name} (${language}) is ${status}`,
          });
          continue;
        }
        await api.edit(String(existing.id), toMetaEdit(template, language, { headerHandles }));
        results.push({
          language,
          action: 'edited',
          state: { status: 'pending', id: String(existing.id), hash, category: template.category, updatedAt: input.now },
        });
      } else {
        const created = await api.create(wabaId, toMetaCreate(template, language, { headerHandles }));
        results.push({
          language,
          action: 'created',
          state: { status: created.status, id: created.id, hash, category: created.category ?? template.category, updatedAt: input.now },
        });
      }
    } catch (err) {
      results.push({ language, action: 'failed', error: (err as Error).message });
    }
  }
  return results;
}

/** The upload handle of a media header's example (none for other headers). */
async function mediaHandles(input: SubmitInput, language: string): Promise<Record<string, string>> {
  const header = input.template.languages[language]?.header;
  if (!header || (header.format !== 'image' && header.format !== 'video' && header.format !== 'document')) return {};
  const example = input.template.parameters?.[header.parameter]?.example;
  if (typeof example !== 'string')
    throw new Error(`parameter ${header.parameter} needs a URL example: Meta reviews the header ${header.format}`);
  if (!input.appId)
    throw new Error(`the ${header.format} header's example is uploaded through the Meta app: set tenants[].appId in parley.config.json`);
  const { bytes, mimeType } = await input.download(example);
  const fileName = decodeURIComponent(new URL(example).pathname.split('/').pop() || `${header.parameter}`);
  return { [header.parameter]: await input.api.uploadMedia(input.appId, bytes, mimeType, fileName) };
}
