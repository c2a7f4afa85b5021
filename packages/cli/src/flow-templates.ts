/**
 * The templates `parley validate` and `parley test` check flows against: the `templates/`
 * folder next to the flows folder (or `--templates <dir>`) and its lock file, read with
 * `parley templates`' own loader. Validation gets each template's TemplateInfo; transcript
 * tests get a TemplateGate that renders with @parley/templates and refuses what production
 * would refuse — a status override of the test first, else the lock's status (a template the
 * lock does not know yet counts as approved, so tests run before the first push).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TemplateGate, TemplateInfo, TemplatePrepared, TemplateStatus } from '@parley/contract';
import type { TemplateOverrides } from '@parley/flow';
import { compileRenderer, lockStates, templateInfo, type TemplateFile, type TemplateLock, type TemplateRenderer } from '@parley/templates';
import { displayPath } from './files';
import { loadLocal, validTemplates, type LocalTemplate } from './templates/local';
import { LOCK_FILE, type TemplatesWorkspace } from './templates/workspace';

export interface FlowTemplates {
  /** How messages name the folder. */
  display: string;
  /** The lock tenant whose statuses apply. */
  tenant: string;
  /** Template files that have errors (their nodes are not checked against them). */
  broken: LocalTemplate[];
  /** Lock file problems, as lines. */
  lockProblems: string[];
  info(name: string): TemplateInfo | undefined;
  /** Whether a template file with this name exists but has errors. */
  isBroken(name: string): boolean;
  gate(overrides?: TemplateOverrides): TemplateGate;
}

/** The templates folder for flows in `flowsFolder`: `--templates` if given, else `<flowsFolder>/../templates` when it exists. */
export function templatesFolderFor(flowsFolder: string, cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const sibling = join(dirname(resolve(cwd, flowsFolder)), 'templates');
  return existsSync(sibling) ? sibling : undefined;
}

/** Reads the folder and its lock; `tenant` picks the lock's statuses (default: the lock's first tenant). */
export function loadFlowTemplates(dir: string, cwd: string, tenant?: string): FlowTemplates {
  const lockPath = join(dir, LOCK_FILE);
  const workspace: TemplatesWorkspace = {
    dir,
    dirDisplay: displayPath(dir, cwd),
    lockPath,
    lockDisplay: displayPath(lockPath, cwd),
    tenant: tenant ?? 'default',
    remote: { ok: false, missing: 'not needed to check flows' },
    json: false,
  };
  const local = loadLocal(workspace, cwd);
  const lockTenant = tenant ?? Object.keys(local.lock.tenants)[0] ?? 'default';
  const templates = validTemplates(local);
  const broken = local.templates.filter((t) => !t.template);
  const infos = new Map<string, TemplateInfo>();
  const info = (name: string) => {
    const template = templates.get(name);
    if (!template) return undefined;
    let known = infos.get(name);
    if (!known) infos.set(name, (known = templateInfo(template, lockStates(local.lock, lockTenant, name))));
    return known;
  };
  return {
    display: workspace.dirDisplay,
    tenant: lockTenant,
    broken,
    lockProblems: local.lockIssues.map((issue) => `${issue.file}:${issue.path || '/'} ${issue.message}`),
    info,
    isBroken: (name) => broken.some((t) => t.name === name),
    gate: (overrides) => templateGate(templates, local.lock, lockTenant, workspace.lockDisplay, overrides),
  };
}

const renderers = new WeakMap<TemplateFile, Map<string, TemplateRenderer>>();

function rendererOf(template: TemplateFile, language: string): TemplateRenderer {
  let byLanguage = renderers.get(template);
  if (!byLanguage) renderers.set(template, (byLanguage = new Map()));
  let renderer = byLanguage.get(language);
  if (!renderer) byLanguage.set(language, (renderer = compileRenderer(template, language)));
  return renderer;
}

function templateGate(
  templates: ReadonlyMap<string, TemplateFile>,
  lock: TemplateLock,
  tenant: string,
  lockDisplay: string,
  overrides: TemplateOverrides | undefined,
): TemplateGate {
  const statusOf = (name: string, language: string): { status: TemplateStatus; source: string } => {
    const override = overrides?.[name];
    const overridden = typeof override === 'string' ? override : override?.[language];
    if (overridden !== undefined) return { status: overridden, source: "the test's templates" };
    const locked = lockStates(lock, tenant, name)[language]?.status;
    return locked !== undefined
      ? { status: locked, source: `${lockDisplay} (tenant ${tenant})` }
      : { status: 'approved', source: 'no lock entry' };
  };
  return {
    prepare(request): TemplatePrepared {
      const { name, language } = request;
      const template = templates.get(name);
      if (!template) return { ok: false, reason: 'unknown_template', detail: `no valid template ${name} in templates/` };
      if (!Object.hasOwn(template.languages, language))
        return {
          ok: false,
          reason: 'unknown_language',
          detail: `${name} has no language ${language} (it has ${Object.keys(template.languages).join(', ')})`,
        };
      const { status, source } = statusOf(name, language);
      if (status !== 'approved') {
        const reason = status === 'paused' || status === 'disabled' ? status : 'not_approved';
        return { ok: false, reason, detail: `${name} (${language}) is ${status} in ${source}` };
      }
      const renderer = rendererOf(template, language);
      const base = { kind: 'template' as const, name, language, category: template.category, version: renderer.hash };
      // A legacy node's positional strings are passed through: there is nothing named to render.
      if (request.positional && Object.keys(request.values).length === 0)
        return { ok: true, message: { ...base, params: request.positional } };
      const rendered = renderer.render(request.values);
      return rendered.ok ? { ok: true, message: { ...base, params: rendered.params } } : rendered;
    },
  };
}
