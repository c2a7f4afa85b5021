/**
 * Carries out a push plan against Meta, one call per action in order, and keeps going after a
 * failed call (each failure is reported on its own line). Returns what happened per action and the
 * hashes actually submitted, for the lock.
 */
import { languageHash, toMetaCreate, toMetaEdit, type TemplateFile } from '@parley/templates';
import type { TemplateApi } from '@parley/runtime/templates/graph-api';
import type { PushAction } from './push-plan';
import { describeGraphError, mediaHeaderParameter, MediaUploader, type Remote } from './remote';
import { languageKey } from './sync';

export interface ActionOutcome {
  action: PushAction;
  /** planned: --dry-run; done / failed: the call was made. Skips and unchanged stay `planned`. */
  outcome: 'planned' | 'done' | 'failed';
  /** Meta's status right after a create. */
  status?: string;
  error?: string;
}

export interface PushResult {
  outcomes: ActionOutcome[];
  /** `name\0language` → the hash of the content now at Meta. */
  submitted: Map<string, string>;
  /** (name, language) deleted at Meta. */
  deleted: Array<{ name: string; language: string }>;
}

export async function runPushPlan(
  plan: PushAction[],
  templates: Map<string, TemplateFile>,
  api: TemplateApi,
  remote: Remote,
): Promise<PushResult> {
  const uploader = remote.appId ? new MediaUploader(api, remote.appId) : undefined;
  const result: PushResult = { outcomes: [], submitted: new Map(), deleted: [] };
  for (const action of plan) {
    if (action.kind === 'skip' || action.kind === 'unchanged') {
      result.outcomes.push({ action, outcome: 'planned' });
      continue;
    }
    try {
      result.outcomes.push(await perform(action, templates, api, remote, uploader, result));
    } catch (error) {
      result.outcomes.push({ action, outcome: 'failed', error: describeGraphError(error) });
    }
  }
  return result;
}

async function perform(
  action: Extract<PushAction, { kind: 'create' | 'edit' | 'delete' }>,
  templates: Map<string, TemplateFile>,
  api: TemplateApi,
  remote: Remote,
  uploader: MediaUploader | undefined,
  result: PushResult,
): Promise<ActionOutcome> {
  const { name, language } = action;
  if (action.kind === 'delete') {
    await api.remove(remote.wabaId, name, action.id);
    result.deleted.push({ name, language });
    return { action, outcome: 'done' };
  }
  const template = templates.get(name);
  if (!template) throw new Error(`no valid ${name}.template.json to submit`);
  // Meta refuses a media header without an uploaded sample, and uploads go through an app: say so before calling.
  if (mediaHeaderParameter(template, language) !== undefined && !uploader)
    throw new Error(
      `the ${template.languages[language]?.header?.format} header needs its example uploaded to Meta, which goes through an app: set "appId" on the tenant in the config`,
    );
  const headerHandles = uploader ? await uploader.handlesFor(template, language) : {};
  const options = Object.keys(headerHandles).length ? { headerHandles } : {};
  if (action.kind === 'create') {
    const created = await api.create(remote.wabaId, toMetaCreate(template, language, options));
    result.submitted.set(languageKey(name, language), languageHash(template, language));
    return { action, outcome: 'done', status: created.status };
  }
  await api.edit(action.id, toMetaEdit(template, language, options));
  result.submitted.set(languageKey(name, language), languageHash(template, language));
  return { action, outcome: 'done' };
}
