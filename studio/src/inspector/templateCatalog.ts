/**
 * What the studio knows about the message templates (t11): the list from GET /api/templates with
 * Meta's status per language, and each template's file for previews. The template node's
 * inspector picks from it and the live validator gets a TemplateInfo per template from it.
 * `off` means the runtime has no templates (no directory, or an older server): template nodes are
 * then edited as free text and not checked against a catalogue, as before.
 */
import { createContext, useContext } from 'react';
import type { TemplateInfo, TemplateParameterType } from '@parley/contract';
import { TEMPLATE_PARAMETER_TYPES } from '@parley/contract';
import type { TemplateSummary } from '@parley/contract/api';
import { templateInfo, type TemplateFile } from '@parley/templates';

export interface CatalogEntry {
  summary: TemplateSummary;
  /** The parsed file, when it loaded and is valid (previews need it). */
  file?: TemplateFile;
}

export type TemplateCatalog = { state: 'loading' } | { state: 'off'; reason: string } | { state: 'ready'; entries: CatalogEntry[] };

export const TemplateCatalogContext = createContext<TemplateCatalog>({ state: 'off', reason: 'No template list was loaded.' });

export function useTemplateCatalog(): TemplateCatalog {
  return useContext(TemplateCatalogContext);
}

export function findEntry(catalog: TemplateCatalog, name: string): CatalogEntry | undefined {
  return catalog.state === 'ready' ? catalog.entries.find((e) => e.summary.name === name) : undefined;
}

/** Meta's status of one language ("not_submitted" when the template was never pushed in it). */
export function languageStatus(summary: TemplateSummary, language: string): string | undefined {
  return summary.languages.find((l) => l.language === language)?.status;
}

function approvedLanguages(summary: TemplateSummary): string[] {
  return summary.languages.filter((l) => l.status === 'approved').map((l) => l.language);
}

/** The picker's order: templates approved in some language first, then the rest; by name inside each. */
export function pickerOrder(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const rank = (e: CatalogEntry) => (approvedLanguages(e.summary).length ? 0 : 1);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.summary.name.localeCompare(b.summary.name));
}

/** "approved" when every language is; otherwise each language with its status ("en pending, es approved"). */
export function statusLabel(summary: TemplateSummary): string {
  const rows = summary.languages;
  if (!rows.length) return 'no languages';
  if (rows.every((r) => r.status === 'approved')) return 'approved';
  const statuses = new Set(rows.map((r) => r.status));
  if (statuses.size === 1) return words(rows[0]!.status);
  return rows.map((r) => `${r.language} ${words(r.status)}`).join(', ');
}

export function words(status: string): string {
  return status.replace(/_/g, ' ');
}

const PARAMETER_TYPES: ReadonlySet<string> = new Set(TEMPLATE_PARAMETER_TYPES);

function parameterType(type: string): TemplateParameterType {
  // The API types it as a string; an unexpected one is treated as text (the loosest check) rather than crash.
  return PARAMETER_TYPES.has(type) ? (type as TemplateParameterType) : 'text';
}

/**
 * What flow validation needs about one template: built from the file with the statuses of the
 * list (quick replies included) when the file loaded, else from the list row alone.
 */
function toTemplateInfo(entry: CatalogEntry): TemplateInfo {
  const { summary, file } = entry;
  if (file) return templateInfo(file, Object.fromEntries(summary.languages.map(({ language, ...state }) => [language, state])));
  const parameters: TemplateInfo['parameters'] = {};
  for (const [name, p] of Object.entries(summary.parameters)) parameters[name] = { type: parameterType(p.type), optional: p.optional };
  return {
    name: summary.name,
    category: summary.category,
    languages: summary.languages.map((l) => l.language),
    approvedLanguages: approvedLanguages(summary),
    parameters,
    quickReplies: [],
  };
}

/** The infos the validator gets; undefined when the catalogue is off, so template nodes are not checked against it. */
export function catalogInfos(catalog: TemplateCatalog): TemplateInfo[] | undefined {
  return catalog.state === 'ready' ? catalog.entries.map(toTemplateInfo) : undefined;
}
