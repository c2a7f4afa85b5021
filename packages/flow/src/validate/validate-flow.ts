/**
 * The one validation entry point, used by the CLI, the runtime and the studio.
 * Order: hard limits (cheap, bounded), then ajv structure, then the semantic
 * lint. Each stage only runs on what the previous stage accepted, so the lint
 * can trust the flow's shape. Never throws, whatever the input.
 */
import { compareVersions } from '../migrate/semver';
import type { Flow } from '../types';
import { SPEC_VERSION } from '../types';
import { lintGraph } from './graph-lint';
import type { ValidationIssue } from './issue';
import { hasErrors, issue } from './issue';
import { lintLanguages } from './language-lint';
import { checkHardLimits } from './limits';
import { lintNodes } from './node-lint';
import type { ValidateOptions } from './options';
import { lintReferences } from './reference-lint';
import { validateFlowStructure } from './schema';

export interface ValidationResult {
  /** No error-severity issues (warnings allowed). */
  ok: boolean;
  /** The typed flow, whenever its structure is valid (even if the lint found errors). */
  flow?: Flow;
  issues: ValidationIssue[];
}

function checkSpecVersion(flow: Flow): ValidationIssue[] {
  const order = compareVersions(flow.specVersion, SPEC_VERSION);
  if (order < 0) {
    return [
      issue(
        'error',
        'spec-outdated',
        `The flow is written for spec ${flow.specVersion}; this version of Parley reads ${SPEC_VERSION}. Run "parley migrate" to upgrade it.`,
        '/specVersion',
      ),
    ];
  }
  if (order > 0) {
    return [
      issue(
        'error',
        'spec-unsupported',
        `The flow is written for spec ${flow.specVersion}, newer than the ${SPEC_VERSION} this version of Parley understands; upgrade Parley.`,
        '/specVersion',
      ),
    ];
  }
  return [];
}

/** Compares JSON pointers segment by segment, numbers numerically: /nodes/2 < /nodes/10. */
function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const m = Number(x[i]);
    const n = Number(y[i]);
    if (Number.isInteger(m) && Number.isInteger(n)) return m - n;
    return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/** Errors first, then by position in the document, so reports read top to bottom. */
export function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  return issues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => {
      if (a.value.severity !== b.value.severity) return a.value.severity === 'error' ? -1 : 1;
      return comparePaths(a.value.path, b.value.path) || a.index - b.index;
    })
    .map((entry) => entry.value);
}

function runLint(flow: Flow, options: ValidateOptions, partial = false): ValidationIssue[] {
  const version = checkSpecVersion(flow);
  // An older or newer spec means different semantics: linting it against 1.0 would only add noise.
  if (version.length > 0) return version;
  return [...lintGraph(flow, partial), ...lintReferences(flow, options, partial), ...lintNodes(flow, options), ...lintLanguages(flow)];
}

/**
 * While an author edits (the studio validates live), one half-filled node must
 * not hide every other finding. When all structural errors are inside nodes,
 * those nodes are replaced by inert placeholders (same index and id, no exits)
 * and the rest of the flow is linted; checks that need every edge
 * (reachability, unused variables) are skipped.
 */
function partialFlow(input: unknown, structure: readonly ValidationIssue[]): Flow | undefined {
  const broken = new Set<number>();
  for (const found of structure) {
    const match = /^\/nodes\/(\d+)(?:\/|$)/.exec(found.path);
    if (!match) return undefined;
    broken.add(Number(match[1]));
  }
  const doc = input as Record<string, unknown>;
  if (!Array.isArray(doc.nodes)) return undefined;
  const nodes = doc.nodes.map((node: unknown, i: number) => {
    if (!broken.has(i)) return node;
    const id = (node as { id?: unknown } | null)?.id;
    // A placeholder keeps a valid id so exits pointing at the node are not "dangling"; an id the
    // schema rejects gets a name no real node can have.
    return { id: typeof id === 'string' ? id : `\u0000node-${i}`, type: 'end' };
  });
  return { ...doc, nodes } as Flow;
}

export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    const limits = checkHardLimits(input);
    if (limits.length > 0) return { ok: false, issues: limits };
    const structure = validateFlowStructure(input);
    if (structure.length > 0) {
      const partial = partialFlow(input, structure);
      const lint = partial ? runLint(partial, options, true) : [];
      return { ok: false, issues: sortIssues([...structure, ...lint]) };
    }
    const flow = input as Flow;
    const issues = sortIssues(runLint(flow, options));
    return { ok: !hasErrors(issues), flow, issues };
  } catch (error) {
    // A bug in a lint rule must not take the caller down; report it like any other issue.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [issue('error', 'internal-error', `Validation stopped on an internal error (please report it): ${detail}`, '')],
    };
  }
}
