/**
 * The line diff `parley templates diff` prints for a changed language: the file's content against
 * Meta's (as `pull` would import it), both as stable JSON of what Meta reviews — the category, the
 * components and the parameters they use.
 */
import { diffLines, foldUnchanged } from '@parley/flow';
import type { TemplateFile } from '@parley/templates';

export function reviewedContent(template: TemplateFile, language: string): string {
  const content = template.languages[language] ?? {};
  const text = JSON.stringify(content);
  const parameters = Object.fromEntries(
    Object.entries(template.parameters ?? {}).filter(([name]) => text.includes(`{{${name}}}`) || text.includes(`"parameter":"${name}"`)),
  );
  return JSON.stringify(
    sortKeys({ category: template.category, ...content, ...(Object.keys(parameters).length ? { parameters } : {}) }),
    null,
    2,
  );
}

/** `- ` lines are Meta's, `+ ` lines the file's; long unchanged runs folded to `…`. */
export function contentDiff(remote: TemplateFile, local: TemplateFile, language: string): string[] {
  const lines = diffLines(reviewedContent(remote, language).split('\n'), reviewedContent(local, language).split('\n'));
  return foldUnchanged(lines, 2).map((line) => (line.op === '…' ? `  … ${line.count} unchanged` : `${line.op} ${line.text}`));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
