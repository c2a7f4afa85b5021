/**
 * Hard limits, checked before anything else so that a huge or hostile document
 * is rejected in time proportional to the limits, not to its size: ajv and the
 * lint only ever see documents that fit. The walk is iterative (no recursion),
 * so a 10,000-deep document cannot overflow the stack.
 */
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';

export const FLOW_LIMITS = {
  /** Raw JSON text, checked by parseFlowJson before JSON.parse. */
  maxDocumentChars: 5_000_000,
  maxNodes: 1_000,
  /** Entries of any array/object inside one node (cases, buttons, exits, assignments…). */
  maxEntriesPerNodeContainer: 100,
  /** Entries of any other array/object (intents, examples, variables…). */
  maxEntriesPerContainer: 5_000,
  maxDepth: 32,
  maxStringChars: 65_536,
  maxKeyChars: 256,
  /** All values in the document together. */
  maxValues: 250_000,
} as const;

/** Stops reporting after this many hard-limit issues: one is enough to reject. */
const MAX_LIMIT_ISSUES = 20;

interface Pending {
  value: unknown;
  /** The container holding this value; the JSON pointer is only built when an issue is reported. */
  parent: Pending | undefined;
  key: string;
  depth: number;
  /** Id of the node this value is inside, if any. */
  nodeId: string | undefined;
  /** True for values below /nodes/<i>. */
  inNode: boolean;
}

function pathOf(at: Pending): string {
  const segments: string[] = [];
  for (let p: Pending | undefined = at; p?.parent; p = p.parent) segments.push(p.key);
  return joinPointer('', ...segments.reverse());
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function nodeIdOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' ? id : undefined;
}

function describeNode(nodeId: string | undefined): string {
  return nodeId === undefined ? '' : ` in node '${nodeId}'`;
}

/** Returns hard-limit errors; an empty list means the document is small enough to validate. */
export function checkHardLimits(input: unknown): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const stack: Pending[] = [{ value: input, parent: undefined, key: '', depth: 0, nodeId: undefined, inNode: false }];
  let values = 0;
  const report = (code: string, message: (where: string) => string, at: Pending) => {
    const path = pathOf(at);
    found.push(issue('error', code, message(path || '/'), path, at.nodeId));
  };

  while (stack.length > 0 && found.length < MAX_LIMIT_ISSUES) {
    const at = stack.pop()!;
    const { value } = at;
    if (++values > FLOW_LIMITS.maxValues) {
      found.push(issue('error', 'too-large', `The document has more than ${FLOW_LIMITS.maxValues} values; a flow must be smaller.`, ''));
      break;
    }
    switch (typeof value) {
      case 'string':
        if (value.length > FLOW_LIMITS.maxStringChars) {
          report(
            'string-too-long',
            (where) =>
              `The text at ${where}${describeNode(at.nodeId)} is ${value.length} characters long; the limit is ${FLOW_LIMITS.maxStringChars}.`,
            at,
          );
        }
        continue;
      case 'number':
        if (!Number.isFinite(value))
          report('not-json', (where) => `The number at ${where} is not finite; JSON has no NaN or Infinity.`, at);
        continue;
      case 'boolean':
        continue;
      case 'object':
        break;
      default:
        report(
          'not-json',
          (where) => `The value at ${where}${describeNode(at.nodeId)} is a ${typeof value}; a flow holds only JSON values.`,
          at,
        );
        continue;
    }
    if (value === null) continue;
    if (!Array.isArray(value) && !isPlainObject(value)) {
      report('not-json', (where) => `The value at ${where}${describeNode(at.nodeId)} is not a plain object or array.`, at);
      continue;
    }
    if (at.depth >= FLOW_LIMITS.maxDepth) {
      report(
        'too-deep',
        (where) => `The document nests deeper than ${FLOW_LIMITS.maxDepth} levels at ${where}${describeNode(at.nodeId)}.`,
        at,
      );
      continue;
    }
    // Count before copying anything, so an oversized container costs nothing more.
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const count = keys ? keys.length : (value as unknown[]).length;
    const isNodesArray = at.depth === 1 && at.key === 'nodes' && keys === undefined;
    if (isNodesArray && count > FLOW_LIMITS.maxNodes) {
      report('too-many-nodes', () => `The flow has ${count} nodes; the limit is ${FLOW_LIMITS.maxNodes}. Split it into subflows.`, at);
      continue;
    }
    const limit = at.inNode ? FLOW_LIMITS.maxEntriesPerNodeContainer : FLOW_LIMITS.maxEntriesPerContainer;
    if (!isNodesArray && count > limit) {
      const what = keys ? 'entries' : 'items';
      report(
        'too-many-entries',
        (where) =>
          `${where}${describeNode(at.nodeId)} has ${count} ${what}; the limit is ${limit}${at.inNode ? ' per node (cases, buttons, exits…)' : ''}.`,
        at,
      );
      continue;
    }
    const inNode = at.inNode || isNodesArray;
    for (let i = count - 1; i >= 0; i--) {
      const key = keys ? keys[i]! : String(i);
      if (key.length > FLOW_LIMITS.maxKeyChars) {
        report(
          'key-too-long',
          (where) =>
            `A key at ${where}${describeNode(at.nodeId)} is ${key.length} characters long; the limit is ${FLOW_LIMITS.maxKeyChars}.`,
          at,
        );
        continue;
      }
      const child = keys ? (value as Record<string, unknown>)[key] : (value as unknown[])[i];
      stack.push({ value: child, parent: at, key, depth: at.depth + 1, nodeId: isNodesArray ? nodeIdOf(child) : at.nodeId, inNode });
    }
  }
  return found;
}
