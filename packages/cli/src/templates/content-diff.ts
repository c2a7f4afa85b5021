/**
 * The line diff `parley templates diff` prints for a changed language: Meta's content (as `pull`
 * would import it) against the file's, both reduced to what Meta reviews — the same parts
 * languageHash covers. Parley-only details (parameter types, examples, fallbacks, quick-reply
 * payloads, the names of media/URL/copy-code parameters) are left out, so the diff shows exactly
 * why the language must be submitted again.
 */
import { diffLines, foldUnchanged } from '@parley/flow';
import type { TemplateButton, TemplateContent, TemplateFile } from '@parley/templates';

function reviewedContent(template: TemplateFile, language: string): string {
  const content: TemplateContent = template.languages[language] ?? {};
  const header = content.header;
  const reviewed = {
    category: template.category,
    ...(header ? { header: header.format === 'text' ? { format: 'text', text: header.text } : { format: header.format } } : {}),
    ...(content.body !== undefined ? { body: content.body } : {}),
    ...(content.footer !== undefined ? { footer: content.footer } : {}),
    ...(content.buttons?.length ? { buttons: content.buttons.map(reviewedButton) } : {}),
    ...(content.authentication ? { authentication: content.authentication } : {}),
  };
  return JSON.stringify(reviewed, null, 2);
}

function reviewedButton(button: TemplateButton): Record<string, unknown> {
  switch (button.type) {
    case 'quick_reply':
      return { type: button.type, text: button.text };
    case 'url':
      // Meta keeps a positional suffix; the parameter's name here is not part of what it reviews.
      return { type: button.type, text: button.text, url: button.url.replace(/\{\{[^{}]*\}\}/g, '{{…}}') };
    case 'copy_code':
      return { type: button.type };
    default:
      return { ...button };
  }
}

/** `- ` lines are Meta's, `+ ` lines the file's; long unchanged runs folded to `…`. */
export function contentDiff(remote: TemplateFile, local: TemplateFile, language: string): string[] {
  const lines = diffLines(reviewedContent(remote, language).split('\n'), reviewedContent(local, language).split('\n'));
  return foldUnchanged(lines, 2).map((line) => (line.op === '…' ? `  … ${line.count} unchanged` : `${line.op} ${line.text}`));
}
