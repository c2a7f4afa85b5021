/**
 * `parley templates push [name…] [--prune] [--dry-run]`: submits new languages, edits changed ones
 * where Meta allows it, deletes at Meta only with --prune, and writes what Meta said to the lock.
 */
import type { TemplateApi } from '@parley/runtime/templates/graph-api';
import { diffTemplates, remoteLanguages, serializeLock, setLockState, type TemplateFile, type TemplateLock } from '@parley/templates';
import { parseCommandArgs } from '../args';
import { CliError } from '../errors';
import { EXIT_FAILED, EXIT_OK, painter, type Io, type Paint } from '../io';
import { plural } from '../templates/format';
import { formatTemplateIssue, loadLocal, validTemplates, writeLock } from '../templates/local';
import { planPush, type PushAction } from '../templates/push-plan';
import { runPushPlan, type ActionOutcome } from '../templates/push-run';
import { describeGraphError, listOrFail, templateApi, type Remote } from '../templates/remote';
import { checkNames } from '../templates/names';
import { refreshLock } from '../templates/sync';
import { openWorkspace, requireRemote, WORKSPACE_HELP, WORKSPACE_OPTIONS, type TemplatesWorkspace } from '../templates/workspace';

const HELP = `Usage: parley templates push [name…] [options]

Submits the templates of the folder to the tenant's WhatsApp Business Account:
  - a language Meta does not have is created (POST /<waba-id>/message_templates)
  - a changed language is edited (POST /<template-id>) when Meta allows it: approved, rejected or
    paused; otherwise it is skipped with the reason
  - a template or language that is only at Meta is deleted only with --prune
then writes templates.lock.json: Meta's id, status, quality, category and the hash submitted.
With names, only those templates. Needs the tenant's "wabaId" and its access token; media header
examples are uploaded when the tenant has an "appId".

Options:
  --prune            delete at Meta what is not in the folder (the named templates only, with names)
  --dry-run          print what would be done; change nothing at Meta or in the lock
${WORKSPACE_HELP}

Exit code 0 when everything was pushed, 1 when a template has errors, a call failed or a changed
template could not be edited, 2 on usage errors.
`;

export async function runTemplatesPush(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates push', argv, {
    ...WORKSPACE_OPTIONS,
    prune: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const workspace = openWorkspace('push', args, io);
  const remote = requireRemote('push', workspace);
  const local = loadLocal(workspace, io.cwd);
  const names = args.positionals.length ? new Set(args.positionals) : undefined;
  const broken = local.templates.filter((t) => !t.template && (!names || names.has(t.name)));
  if (broken.length > 0) {
    const lines = broken.flatMap((t) => t.issues.filter((i) => i.severity === 'error').map(formatTemplateIssue));
    throw new CliError(
      [`parley templates push: ${plural(broken.length, 'template')} with errors, nothing was pushed:`, ...lines.map((l) => `  ${l}`)].join(
        '\n',
      ),
    );
  }
  if (local.lockIssues.some((i) => i.severity === 'error'))
    throw new CliError(
      [
        `parley templates push: the lock is invalid, nothing was pushed:`,
        ...local.lockIssues.map((i) => `  ${formatTemplateIssue(i)}`),
      ].join('\n'),
    );
  const templates = validTemplates(local);
  const api = templateApi(remote);
  const before = await listOrFail('push', api, remote);
  if (names) checkNames('push', names, templates, before, local.lock.tenants[workspace.tenant]);
  const lockTenant = local.lock.tenants[workspace.tenant] ?? {};
  const plan = planPush(diffTemplates([...templates.values()], remoteLanguages(before), lockTenant), {
    prune: args.values.prune === true,
    ...(names ? { names } : {}),
  });

  const dryRun = args.values['dry-run'] === true;
  const applied = dryRun
    ? { outcomes: plan.map((action): ActionOutcome => ({ action, outcome: 'planned' })), lockWritten: false }
    : await applyPlan(plan, { workspace, templates, api, remote, lock: local.lock, ...(names ? { names } : {}) });
  const { outcomes, lockWritten, lockNote } = applied;
  const failed = outcomes.filter((o) => o.outcome === 'failed' || (o.action.kind === 'skip' && o.action.problem)).length;
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ tenant: workspace.tenant, dryRun, actions: outcomes.map(toJson), lockWritten, failed }, null, 2)}\n`);
    return failed ? EXIT_FAILED : EXIT_OK;
  }
  const paint = painter(io.color);
  if (outcomes.length === 0) io.stdout('no templates to push\n');
  for (const outcome of outcomes) io.stdout(`${describeOutcome(outcome, paint, dryRun)}\n`);
  if (lockNote) io.stdout(`${paint('yellow', lockNote)}\n`);
  const summary = `${summarize(outcomes, dryRun)}${failed ? `; ${failed} failed or blocked` : ''}${lockWritten ? `; ${workspace.lockDisplay} updated` : ''}`;
  io.stdout(`${paint(failed ? 'red' : 'green', summary)}\n`);
  return failed ? EXIT_FAILED : EXIT_OK;
}

interface ApplyContext {
  workspace: TemplatesWorkspace;
  templates: Map<string, TemplateFile>;
  api: TemplateApi;
  remote: Remote;
  lock: TemplateLock;
  names?: Set<string>;
}

/** Runs the plan, then writes the lock from a fresh list (Meta's view after the calls), or says why it could not. */
async function applyPlan(
  plan: PushAction[],
  context: ApplyContext,
): Promise<{ outcomes: ActionOutcome[]; lockWritten: boolean; lockNote?: string }> {
  const { workspace, templates, api, remote, names } = context;
  const result = await runPushPlan(plan, templates, api, remote);
  let lock = context.lock;
  for (const gone of result.deleted) lock = setLockState(lock, workspace.tenant, gone.name, gone.language, null);
  let lockNote: string | undefined;
  try {
    const after = await api.list(remote.wabaId);
    lock = refreshLock(lock, remoteLanguages(after), {
      tenant: workspace.tenant,
      local: templates,
      submitted: result.submitted,
      ...(names ? { names } : {}),
    });
  } catch (error) {
    lockNote = `the lock's statuses could not be refreshed (${describeGraphError(error)}); run \`parley templates status\``;
  }
  const lockWritten = serializeLock(lock) !== serializeLock(context.lock);
  if (lockWritten) writeLock(workspace, lock);
  return { outcomes: result.outcomes, lockWritten, ...(lockNote ? { lockNote } : {}) };
}

const VERBS: Record<PushAction['kind'], string> = {
  create: 'create',
  edit: 'edit',
  delete: 'delete',
  skip: 'skip',
  unchanged: 'unchanged',
};

function describeOutcome(outcome: ActionOutcome, paint: Paint, dryRun: boolean): string {
  const { action } = outcome;
  const what = `${action.name} (${action.language})`;
  const verb = VERBS[action.kind].padEnd(9);
  if (outcome.outcome === 'failed') return paint('red', `✗ ${verb} ${what}: ${outcome.error}`);
  if (action.kind === 'unchanged') return paint('dim', `  ${verb} ${what}`);
  if (action.kind === 'skip') return paint(action.problem ? 'yellow' : 'dim', `  ${verb} ${what}: ${action.reason}`);
  const done = dryRun ? action.reason : `${action.reason}${outcome.status ? ` → ${outcome.status}` : ''}`;
  return `${paint('green', `${dryRun ? '•' : '✓'} ${verb}`)} ${what}: ${done}`;
}

/** "created 2, edited 1, deleted 0; 3 unchanged, 1 skipped" — what was done (or, for --dry-run, would be). */
function summarize(outcomes: ActionOutcome[], dryRun: boolean): string {
  const count = (kind: PushAction['kind']) => outcomes.filter((o) => o.action.kind === kind && o.outcome !== 'failed').length;
  const verbs = dryRun ? ['would create', 'edit', 'delete'] : ['created', 'edited', 'deleted'];
  const changes = (['create', 'edit', 'delete'] as const).map((kind, i) => `${verbs[i]} ${count(kind)}`).join(', ');
  return `${dryRun ? 'dry run: ' : ''}${changes}; ${count('unchanged')} unchanged, ${count('skip')} skipped`;
}

function toJson(outcome: ActionOutcome): Record<string, unknown> {
  const { action, ...rest } = outcome;
  return { ...action, ...rest };
}
