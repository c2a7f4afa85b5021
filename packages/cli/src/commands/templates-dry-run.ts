/**
 * `parley templates dry-run <flow> [--samples file.jsonl]`: renders every template the flow (and
 * its subflows) can send — with the node's values evaluated on each sample session, and with
 * generated pathological values — and reports what Meta would reject. Exit 1 on any rejection.
 */
import { dirname, resolve } from 'node:path';
import { dryRun, pathologicalSamples, type TemplateFile } from '@parley/templates';
import { parseCommandArgs, stringOption } from '../args';
import { UsageError } from '../errors';
import { displayPath } from '../files';
import { folderResolver, requireFlow, withSubflows } from '../flows';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { defaultContext, evaluateValues, templateUses, type SampleContext, type TemplateUse } from '../templates/flow-uses';
import { plural } from '../templates/format';
import { loadLocal, validTemplates } from '../templates/local';
import { readSamples } from '../templates/samples';
import { openWorkspace, WORKSPACE_HELP, WORKSPACE_OPTIONS } from '../templates/workspace';

const HELP = `Usage: parley templates dry-run <flow> [--samples file.jsonl] [options]

Finds every template node of the flow and of the subflows it calls, and renders each template
  - with the node's values evaluated on every sample session (--samples: one JSON object per line,
    the variables, with "contact"/"trigger"/"input" as those facts; default: the flow's variable defaults)
  - with generated pathological values: longest allowed strings, missing optionals, emoji and RTL text,
    locale numbers, far dates, long URLs
and reports what Meta would reject (newlines or tabs in a parameter, empty text, a header or body
over its limit after filling, an invalid URL, a media link that is not https, …).

Options:
  --samples <file>   sample sessions, JSON Lines
${WORKSPACE_HELP}

Exit code 0 when every rendering would be accepted, 1 on rejections or templates the flow names
that do not exist, 2 on usage errors.
`;

interface Problem {
  code: string;
  message: string;
}

interface SampleReport {
  label: string;
  source: 'sample' | 'pathological';
  ok: boolean;
  problems: Problem[];
  body?: string;
}

interface UseReport {
  name: string;
  language: string;
  usedBy: string[];
  /** A problem with the node itself (unknown template or language, legacy params). */
  error?: string;
  note?: string;
  samples: SampleReport[];
}

export async function runTemplatesDryRun(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates dry-run', argv, { ...WORKSPACE_OPTIONS, samples: { type: 'string' } });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError(
      'parley templates dry-run: give exactly one flow file, e.g. parley templates dry-run flows/abandoned-cart.flow.json',
    );
  const flowPath = resolve(io.cwd, args.positionals[0]!);
  const flow = requireFlow(flowPath, io.cwd);
  const flows = withSubflows(flow, folderResolver(dirname(flowPath), io.cwd, [flow]));
  const samplesOption = stringOption(args, 'samples');
  const contexts = samplesOption ? readSamples(resolve(io.cwd, samplesOption), samplesOption) : undefined;
  const workspace = openWorkspace('dry-run', args, io);
  const templates = validTemplates(loadLocal(workspace, io.cwd));

  const reports = groupUses(templateUses(flows)).map((group) =>
    reportUse(group, templates.get(group.name), (use) => contexts ?? [defaultContext(flows.find((f) => f.id === use.flowId)!)], flows),
  );
  const rejected = reports.filter((r) => r.error || r.samples.some((s) => !s.ok)).length;
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ flow: flow.id, templates: reports, rejected }, null, 2)}\n`);
    return rejected ? EXIT_FAILED : EXIT_OK;
  }
  printReports(reports, io, displayPath(flowPath, io.cwd));
  return rejected ? EXIT_FAILED : EXIT_OK;
}

interface UseGroup {
  name: string;
  language: string;
  uses: TemplateUse[];
}

/** One report per (template, language); every node sending it contributes its own sample renderings. */
function groupUses(uses: TemplateUse[]): UseGroup[] {
  const groups = new Map<string, UseGroup>();
  for (const use of uses) {
    const key = `${use.name}\u0000${use.language}`;
    const group = groups.get(key) ?? { name: use.name, language: use.language, uses: [] };
    group.uses.push(use);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function reportUse(
  group: UseGroup,
  template: TemplateFile | undefined,
  contextsFor: (use: TemplateUse) => SampleContext[],
  flows: ReturnType<typeof withSubflows>,
): UseReport {
  const base = { name: group.name, language: group.language, usedBy: group.uses.map((u) => `${u.flowId}/${u.nodeId}`), samples: [] };
  if (!template) return { ...base, error: `no template "${group.name}" in the templates folder (or its file has errors)` };
  if (!Object.hasOwn(template.languages, group.language))
    return {
      ...base,
      error: `template "${group.name}" has no language "${group.language}" (it has ${Object.keys(template.languages).join(', ')})`,
    };
  const samples: SampleReport[] = [];
  const legacy = group.uses.filter((use) => !use.values);
  for (const use of group.uses) {
    if (!use.values) continue;
    const flow = flows.find((f) => f.id === use.flowId)!;
    const evaluated = contextsFor(use).map((context) => ({ context, ...evaluateValues(use.values!, flow, context, group.language) }));
    const results = dryRun(
      template,
      group.language,
      evaluated.map((e) => ({ label: `${use.flowId}/${use.nodeId} · ${e.context.label}`, values: e.values })),
    );
    results.forEach((result, i) => {
      const expressionProblems = evaluated[i]!.errors.map((message) => ({ code: 'expression', message }));
      const problems = [...expressionProblems, ...result.problems];
      samples.push({ label: result.label, source: 'sample', ok: problems.length === 0, problems, ...bodyOf(result.rendered) });
    });
  }
  for (const result of dryRun(template, group.language, pathologicalSamples(template, group.language))) {
    samples.push({ label: result.label, source: 'pathological', ok: result.ok, problems: result.problems, ...bodyOf(result.rendered) });
  }
  const note = legacy.length
    ? `${legacy.map((u) => `${u.flowId}/${u.nodeId}`).join(', ')} bind${legacy.length === 1 ? 's' : ''} legacy positional params: only the generated values are checked`
    : undefined;
  return { ...base, samples, ...(note ? { note } : {}) };
}

function bodyOf(rendered: { body: string } | undefined): { body?: string } {
  return rendered ? { body: rendered.body } : {};
}

function printReports(reports: UseReport[], io: Io, flowDisplay: string): void {
  const paint = painter(io.color);
  if (reports.length === 0) {
    io.stdout(`${flowDisplay}: the flow sends no templates\n`);
    return;
  }
  for (const report of reports) {
    io.stdout(`${paint('bold', `${report.name} (${report.language})`)} — sent by ${report.usedBy.join(', ')}\n`);
    if (report.error) {
      io.stdout(`  ${paint('red', `✗ ${report.error}`)}\n`);
      continue;
    }
    if (report.note) io.stdout(`  ${paint('dim', report.note)}\n`);
    for (const sample of report.samples) {
      if (sample.ok) continue;
      io.stdout(`  ${paint('red', `✗ ${sample.label}`)}\n`);
      for (const problem of sample.problems) io.stdout(`      ${problem.code}: ${problem.message}\n`);
    }
    const passed = report.samples.filter((s) => s.ok).length;
    const first = report.samples.find((s) => s.source === 'sample' && s.ok && s.body !== undefined);
    if (first) io.stdout(`  ${paint('dim', `e.g. ${JSON.stringify(first.body)}`)}\n`);
    io.stdout(
      `  ${paint(passed === report.samples.length ? 'green' : 'yellow', `${passed}/${plural(report.samples.length, 'rendering')} accepted`)}\n`,
    );
  }
  const rejected = reports.filter((r) => r.error || r.samples.some((s) => !s.ok)).length;
  const summary = `${plural(reports.length, 'template')} checked: ${rejected} with rejections`;
  io.stdout(`${paint(rejected ? 'red' : 'green', summary)}\n`);
}
