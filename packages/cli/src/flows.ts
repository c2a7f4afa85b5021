/**
 * Loading flow files from disk for the CLI: size cap, JSON with line:column errors,
 * migration to the current spec in memory, then the flow package's validator.
 * Subflows are resolved by id from the same folder (`<folder>/<id>.flow.json`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IssueSeverity } from '@parley/contract';
import { migrateFlow, parseFlowJson, validateFlow, type Flow, type FlowResolver, type ValidationIssue } from '@parley/flow';
import { displayPath, readTextFile, statOrNull } from './files';
import { CliError, UsageError } from './errors';
import type { FlowTemplates } from './flow-templates';

export interface LoadedFlow {
  path: string;
  display: string;
  /** Present when the flow has no errors (warnings allowed). */
  flow?: Flow;
  issues: ValidationIssue[];
}

export const FLOW_SUFFIX = '.flow.json';

/**
 * Reads and validates one flow file. Never throws for bad content: problems become issues.
 * With `templates`, template nodes are checked against the templates they send.
 */
export function loadFlowFile(path: string, cwd: string, templates?: FlowTemplates): LoadedFlow {
  const display = displayPath(path, cwd);
  let text: string;
  try {
    text = readTextFile(path, display);
  } catch (error) {
    if (error instanceof CliError) return { path, display, issues: [fileIssue(error.message.replace(`${display}: `, ''))] };
    throw error;
  }
  const parsed = parseFlowJson(text);
  if (!parsed.ok) return { path, display, issues: parsed.issues };
  // Older spec versions are upgraded in memory; a document without a readable version is
  // left to the validator, whose schema errors say more than "cannot migrate".
  const migrated = migrateFlow(parsed.value);
  const unreadableVersion = migrated.issues.some((i) => i.code === 'spec-version-missing' || i.code === 'spec-version-invalid');
  if (!migrated.ok && !unreadableVersion) return { path, display, issues: migrated.issues };
  const document = migrated.ok ? migrated.flow : parsed.value;
  const folder = dirname(path);
  const result = validateFlow(document, {
    knownFlows: (id: string) => existsSync(join(folder, `${id}${FLOW_SUFFIX}`)),
    ...(templates ? { templateInfo: templates.info } : {}),
  });
  // A template file with errors is reported on that file; its nodes are not "unknown" templates.
  const issues = templates
    ? result.issues.filter((i) => !(i.code === 'unknown-template' && templates.isBroken(nodeName(document, i.nodeId))))
    : [...result.issues];
  const expectedId = basename(path).endsWith(FLOW_SUFFIX) ? basename(path).slice(0, -FLOW_SUFFIX.length) : undefined;
  if (result.flow && expectedId !== undefined && result.flow.id !== expectedId) {
    issues.push({
      severity: 'warning',
      code: 'file-name',
      path: '/id',
      message: `the flow id "${result.flow.id}" differs from the file name "${expectedId}${FLOW_SUFFIX}"; subflow calls find flows by file name`,
    });
  }
  return result.ok && result.flow ? { path, display, flow: result.flow, issues } : { path, display, issues };
}

/** The template name a (template) node sends, for matching issues to template files. */
function nodeName(document: unknown, nodeId: string | undefined): string {
  const nodes = document && typeof document === 'object' ? (document as { nodes?: unknown }).nodes : undefined;
  if (!Array.isArray(nodes) || nodeId === undefined) return '';
  const node: unknown = nodes.find((n: unknown) => n && typeof n === 'object' && (n as { id?: unknown }).id === nodeId);
  const name = node && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

function fileIssue(message: string): ValidationIssue {
  return { severity: 'error', code: 'file', path: '', message };
}

/** Loads a flow that must be usable (chat, compile, test): errors become a CliError listing them. */
export function requireFlow(path: string, cwd: string): Flow {
  const stats = statOrNull(path);
  if (!stats) throw new UsageError(`${displayPath(path, cwd)}: no such file`);
  if (stats.isDirectory())
    throw new UsageError(`${displayPath(path, cwd)}: is a folder; give one flow file, e.g. flows/order-status.flow.json`);
  const loaded = loadFlowFile(path, cwd);
  if (loaded.flow) return loaded.flow;
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  throw new CliError(
    [
      `${loaded.display}: the flow has ${errors.length} error${errors.length === 1 ? '' : 's'}:`,
      ...errors.slice(0, 20).map((i) => `  ${formatIssue(loaded.display, i)}`),
    ].join('\n'),
  );
}

/** What an issue needs to be printed: validator issues, test lint findings, file errors. */
export interface PrintableIssue {
  severity: IssueSeverity;
  path: string;
  message: string;
  nodeId?: string;
  line?: number;
  column?: number;
}

/**
 * `file:/json/pointer [nodeId] severity message` — one line per issue, grep-able and clickable.
 * JSON syntax errors have no pointer yet, so they read `file:line:column severity message`.
 */
export function formatIssue(display: string, issue: PrintableIssue): string {
  const at = issue;
  if (at.line !== undefined && at.column !== undefined) {
    return `${display}:${at.line}:${at.column} ${issue.severity} ${issue.message.replace(/^\d+:\d+: /, '')}`;
  }
  const node = issue.nodeId ? ` [${issue.nodeId}]` : '';
  return `${display}:${issue.path || '/'}${node} ${issue.severity} ${issue.message}`;
}

/** Subflows by id from the folder of the calling flow; invalid or missing flows resolve to undefined. */
export function folderResolver(folder: string, cwd: string, preloaded: Flow[] = []): FlowResolver {
  const cache = new Map<string, Flow | undefined>(preloaded.map((flow) => [flow.id, flow]));
  return (id: string) => {
    if (!cache.has(id)) {
      const path = join(folder, `${id}${FLOW_SUFFIX}`);
      cache.set(id, existsSync(path) && /^[\w.-]+$/.test(id) ? loadFlowFile(path, cwd).flow : undefined);
    }
    return cache.get(id);
  };
}

/** The flow and every subflow it can reach (by `subflow` nodes), each once, the flow first. */
export function withSubflows(flow: Flow, resolve: FlowResolver): Flow[] {
  const found = new Map<string, Flow>([[flow.id, flow]]);
  const queue = [flow];
  while (queue.length > 0 && found.size < 50) {
    for (const node of queue.shift()!.nodes) {
      if (node.type !== 'subflow' || found.has(node.flow)) continue;
      const child = resolve(node.flow);
      if (child) {
        found.set(child.id, child);
        queue.push(child);
      }
    }
  }
  return [...found.values()];
}
