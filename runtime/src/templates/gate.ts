/**
 * The engine's template gate for one step: which content a send renders (the flow version's pin,
 * else the content Meta approved, else the file now), whether Meta lets it go (approved, not
 * paused or disabled), and the rendered message. Synchronous: the service resolves the statuses
 * and the pinned contents before the step (service.gate).
 */
import type { TemplateGate, TemplateLanguageState, TemplatePrepared, TemplateSendRequest } from '@parley/contract';
import { compileRenderer } from '@parley/templates';
import type { TemplateFile, TemplateRenderer } from '@parley/templates';
import type { TemplatePins } from './service';

/** One language's content to render, with its hash (the message's `version`). */
export interface ResolvedContent {
  template: TemplateFile;
  hash: string;
}

export interface GateSources {
  pins: TemplatePins | undefined;
  /** The live state of (name, language) for the step's tenant. */
  state(name: string, language: string): TemplateLanguageState;
  /** The file's valid template now and its hash per language. */
  file(name: string): { template: TemplateFile; hashes: Record<string, string> } | undefined;
  /** Kept content by hash (pins and approved versions, loaded before the step). */
  kept(hash: string): ResolvedContent | undefined;
  /** A compiled renderer per (hash, language), shared by every step of the process. */
  renderer(content: ResolvedContent, language: string): TemplateRenderer;
}

/**
 * Which content (name, language) renders: the pin when the flow version has one; without a pin,
 * the hash Meta approved (a file edited since is a pending edit, not what Meta will deliver);
 * the file as it is otherwise — also when a pinned or approved hash is no longer known anywhere.
 */
export function resolveContent(sources: GateSources, name: string, language: string): ResolvedContent | undefined {
  const file = sources.file(name);
  const pinned = sources.pins?.[name]?.[language];
  const approved = sources.state(name, language).hash;
  for (const hash of [pinned, approved]) {
    if (hash === undefined) continue;
    if (file && file.hashes[language] === hash) return { template: file.template, hash };
    const kept = sources.kept(hash);
    if (kept) return kept;
    if (hash === pinned) break;
  }
  const hash = file?.hashes[language];
  return file && hash ? { template: file.template, hash } : undefined;
}

export function createGate(sources: GateSources): TemplateGate {
  return {
    prepare(request: TemplateSendRequest): TemplatePrepared {
      const { name, language } = request;
      const content = resolveContent(sources, name, language);
      if (!content) {
        if (!sources.file(name) && !sources.pins?.[name])
          return { ok: false, reason: 'unknown_template', detail: `no template "${name}" in the templates folder (or it has errors)` };
        return { ok: false, reason: 'unknown_language', detail: `template ${name} has no language "${language}"` };
      }
      if (!content.template.languages[language]) {
        const has = Object.keys(content.template.languages).join(', ');
        return { ok: false, reason: 'unknown_language', detail: `template ${name} has no language "${language}" (it has ${has})` };
      }
      const state = sources.state(name, language);
      if (state.status === 'paused' || state.status === 'disabled')
        return {
          ok: false,
          reason: state.status,
          detail: `template ${name} (${language}) is ${state.status} by Meta${state.reason ? `: ${state.reason}` : ''}`,
        };
      if (state.status !== 'approved')
        return {
          ok: false,
          reason: 'not_approved',
          detail: `template ${name} (${language}) is ${state.status.replace(/_/g, ' ')}, not approved`,
        };
      const base = { kind: 'template' as const, name, language, category: content.template.category, version: content.hash };
      if (request.positional) {
        // A legacy node's positional strings go as they are: Meta checks them.
        const { header, body, buttons } = request.positional;
        return {
          ok: true,
          message: { ...base, params: { ...(header ? { header } : {}), ...(body ? { body } : {}), ...(buttons ? { buttons } : {}) } },
        };
      }
      let renderer: TemplateRenderer;
      try {
        renderer = sources.renderer(content, language);
      } catch (err) {
        return {
          ok: false,
          reason: 'invalid_parameter',
          detail: `template ${name} (${language}) cannot be rendered: ${(err as Error).message}`,
        };
      }
      const rendered = renderer.render(request.values);
      if (!rendered.ok) return { ok: false, reason: rendered.reason, detail: `template ${name} (${language}): ${rendered.detail}` };
      return { ok: true, message: { ...base, params: rendered.params } };
    },
  };
}

/**
 * Compiled renderers per template object and language: compiling is the slow part, rendering must
 * stay ≥ 100k/s. Keyed by the object, not the hash: the hash covers only what Meta reviews, so an
 * edit of a fallback or an example keeps it, while a reload always makes a new object.
 */
export class RendererCache {
  private readonly renderers = new WeakMap<TemplateFile, Map<string, TemplateRenderer>>();

  get(content: ResolvedContent, language: string): TemplateRenderer {
    let byLanguage = this.renderers.get(content.template);
    if (!byLanguage) this.renderers.set(content.template, (byLanguage = new Map()));
    let renderer = byLanguage.get(language);
    if (!renderer) byLanguage.set(language, (renderer = compileRenderer(content.template, language)));
    return renderer;
  }
}
