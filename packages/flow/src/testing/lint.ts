/**
 * Checks a transcript test file against its flow before anything runs, so a typo in a
 * button id or a node name is reported where it is written (JSON pointer into the test file)
 * instead of as a confusing mismatch halfway through a transcript.
 */
import type { IssueSeverity } from '@parley/contract';
import type { Flow, FlowNode } from '../types';
import { payloadExits } from '../nodes/template/payload-exits';
import { urlPatternProblem } from './mocks';
import type { FlowTestFile } from './types';

export interface TestLintIssue {
  severity: IssueSeverity;
  /** JSON pointer into the test file. */
  path: string;
  message: string;
}

function choiceIdsOf(node: FlowNode): string[] {
  if (node.type === 'message') {
    return [...(node.buttons ?? []).map((b) => b.id), ...(node.list?.sections ?? []).flatMap((s) => s.rows.map((r) => r.id))];
  }
  if (node.type === 'ask') return (node.choices ?? []).map((c) => c.id);
  // A waiting template node's quick replies are tapped by their payloads.
  if (node.type === 'template') return payloadExits(node);
  return [];
}

/** `flows` are the flow under test and the subflows it may call (their ids, choices and variables count too). */
export function lintFlowTests(file: FlowTestFile, flows: Flow[]): TestLintIssue[] {
  const issues: TestLintIssue[] = [];
  const nodes = flows.flatMap((flow) => flow.nodes);
  const nodeIds = new Set(nodes.map((node) => node.id));
  const choiceIds = new Set(nodes.flatMap(choiceIdsOf));
  const variables = new Set(flows.flatMap((flow) => Object.keys(flow.variables ?? {})));
  // Split nodes record their choice in `split` whether or not the flow declares it.
  if (nodes.some((node) => node.type === 'split')) variables.add('split');
  // 'expired' is the engine's own outcome when expireAfter runs out.
  const outcomes = new Set(['expired', ...nodes.flatMap((node) => (node.type === 'end' ? [node.outcome ?? 'completed'] : []))]);
  const root = flows[0];
  const events = new Set((root?.triggers ?? []).flatMap((t) => (t.type === 'event' ? [t.event] : [])));
  const names = new Set<string>();
  file.tests.forEach((test, t) => {
    const at = `/tests/${t}`;
    if (names.has(test.name))
      issues.push({ severity: 'error', path: `${at}/name`, message: `a second test is named "${test.name}"; names must be unique` });
    names.add(test.name);
    // `campaign:<id>` is how a campaign starts its flow (runtime/src/worker/handlers/campaign.ts): no trigger needed.
    const started = test.trigger?.kind === 'event' ? test.trigger.name : undefined;
    if (started !== undefined && !started.startsWith('campaign:') && !events.has(started)) {
      issues.push({
        severity: 'warning',
        path: `${at}/trigger/name`,
        message: `flow "${root?.id}" has no event trigger "${started}"`,
      });
    }
    test.mocks?.http?.forEach((mock, m) => {
      const problem = urlPatternProblem(mock.match.url);
      if (problem) issues.push({ severity: 'error', path: `${at}/mocks/http/${m}/match/url`, message: problem });
    });
    test.turns.forEach((turn, k) => {
      const here = `${at}/turns/${k}`;
      if ('tap' in turn && !choiceIds.has(turn.tap))
        issues.push({
          severity: 'error',
          path: `${here}/tap`,
          message: `no button, list row, choice or template quick-reply exit has the id "${turn.tap}"`,
        });
      if ('pick' in turn && !choiceIds.has(turn.pick))
        issues.push({ severity: 'error', path: `${here}/pick`, message: `no list row or choice has the id "${turn.pick}"` });
      if (!('expect' in turn)) return;
      const expectation = turn.expect;
      if (typeof expectation.waitingAt === 'string' && !nodeIds.has(expectation.waitingAt)) {
        issues.push({
          severity: 'error',
          path: `${here}/expect/waitingAt`,
          message: `"${expectation.waitingAt}" is not a node of the flow`,
        });
      }
      for (const name of Object.keys(expectation.variables ?? {})) {
        if (!variables.has(name))
          issues.push({
            severity: 'warning',
            path: `${here}/expect/variables/${name}`,
            message: `"${name}" is not a declared variable of the flow`,
          });
      }
      if (expectation.outcome !== undefined && !outcomes.has(expectation.outcome)) {
        issues.push({
          severity: 'warning',
          path: `${here}/expect/outcome`,
          message: `no end node has the outcome "${expectation.outcome}" (known: ${[...outcomes].join(', ') || 'none'})`,
        });
      }
    });
  });
  return issues;
}
