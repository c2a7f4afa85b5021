/**
 * @parley/templates — WhatsApp message templates as files in git (see README.md): the file format
 * and Meta's limits, the lock file, the Graph API's template format both ways, the diff against
 * what Meta has, send-time rendering, previews and dry runs. Pure and browser-safe: data in, data
 * out; the CLI and the runtime do the I/O.
 */
export * from './types';
export { TEMPLATE_LIMITS, TEMPLATE_NAME_PATTERN, PARAMETER_NAME_PATTERN } from './limits';
export { placeholders, type PlaceholderToken } from './placeholders';
export { validateTemplate, type TemplateValidation } from './validate/validate';
export { languageHash } from './hash';
export { templateInfo } from './info';
export { readLock, emptyLock, lockStates, setLockState, serializeLock } from './lock';
export type { MetaTemplate, MetaComponent, MetaButton } from './meta/types';
export { statusFromMeta, qualityFromMeta, categoryFromMeta } from './meta/enums';
export { toMetaCreate, toMetaEdit, type ToMetaOptions } from './meta/to-meta';
export { fromMeta, type PulledTemplate } from './meta/from-meta';
export { diffTemplates, remoteLanguages, type DiffEntry, type DiffKind, type RemoteLanguage } from './diff';
export { compileRenderer, type TemplateRenderer, type RenderResult } from './render/compile';
export { renderPreview, exampleValues, type RenderedPreview, type PreviewHeader, type PreviewButton } from './render/preview';
export { pathologicalSamples, type Sample } from './dry-run/samples';
export { dryRun, type DryRunResult, type DryRunProblem } from './dry-run/dry-run';
