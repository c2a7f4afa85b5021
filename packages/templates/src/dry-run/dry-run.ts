/**
 * dryRun: renders samples and reports what Meta would reject — a value the renderer refuses
 * (missing, invalid, newline/tab/too many spaces), a header over 60 or a body over 1,024
 * characters once filled, a URL that is not valid or too long once its suffix is filled, a media
 * link that is not https.
 */
import { TEMPLATE_LIMITS as L } from '../limits';
import { compileRenderer } from '../render/compile';
import { renderPreview, type RenderedPreview } from '../render/preview';
import type { TemplateFile } from '../types';
import { isValidUrl } from '../validate/content-rules';
import type { Sample } from './samples';

export interface DryRunProblem {
  code: string;
  message: string;
}

export interface DryRunResult {
  label: string;
  values: Record<string, unknown>;
  ok: boolean;
  rendered?: RenderedPreview;
  problems: DryRunProblem[];
}

export function dryRun(t: TemplateFile, language: string, samples: Sample[]): DryRunResult[] {
  if (!t.languages[language]) {
    const problem = { code: 'unknown_language', message: `template ${t.name} has no language "${language}"` };
    return samples.map((s) => ({ label: s.label, values: s.values, ok: false, problems: [problem] }));
  }
  const renderer = compileRenderer(t, language);
  return samples.map((sample) => {
    const problems: DryRunProblem[] = [];
    const result = renderer.render(sample.values);
    if (!result.ok) problems.push({ code: result.reason, message: result.detail });
    const rendered = renderPreview(t, language, sample.values);
    problems.push(...filledProblems(rendered));
    return { label: sample.label, values: sample.values, ok: problems.length === 0, rendered, problems };
  });
}

function filledProblems(rendered: RenderedPreview): DryRunProblem[] {
  const problems: DryRunProblem[] = [];
  const header = rendered.header;
  if (header?.type === 'text' && header.text.length > L.header)
    problems.push({
      code: 'header-too-long',
      message: `the filled header has ${header.text.length} characters; Meta takes at most ${L.header}`,
    });
  if (header?.type === 'media' && !header.link.startsWith('https://'))
    problems.push({ code: 'media-not-https', message: `the ${header.mediaType} link must be https:// (got ${header.link.slice(0, 60)})` });
  if (rendered.body.length > L.body)
    problems.push({
      code: 'body-too-long',
      message: `the filled body has ${rendered.body.length} characters; Meta takes at most ${L.body}`,
    });
  for (const button of rendered.buttons) {
    if (button.type !== 'url' || button.url === undefined) continue;
    if (button.url.length > L.url)
      problems.push({
        code: 'url-too-long',
        message: `the "${button.text}" URL has ${button.url.length} characters once filled; Meta takes at most ${L.url}`,
      });
    else if (!isValidUrl(button.url))
      problems.push({ code: 'url-invalid', message: `the "${button.text}" URL is not valid once filled: ${button.url.slice(0, 120)}` });
  }
  return problems;
}
