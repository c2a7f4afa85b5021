/**
 * Turns ajv's errors into one human sentence each, naming the node id and the
 * JSON path. Noise that says nothing to an author (failed `if` branches, the
 * wrapper error around a bad property name) is dropped, and an unknown node
 * type becomes a single "unknown node type" issue.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { NODE_TYPES } from '../nodes/registry';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import { knownProperties } from './schema-walk';
import { didYouMean } from './suggest';

const MAX_SCHEMA_ISSUES = 100;

/** What each reusable definition means, for pattern errors. */
const PATTERN_MEANINGS: Array<[string, string]> = [
  ['/$defs/duration/', 'a duration such as 30s, 15m, 2h or 1d'],
  ['/$defs/identifier/', 'an id made of letters, digits and _ . : - (at most 64 characters)'],
  ['/$defs/variableName/', 'a name that starts with a letter or _ and continues with letters, digits or _'],
  ['/$defs/flowId/', 'a flow id made of letters, digits, _ and - (it is also the file name)'],
  ['/$defs/semver/', 'a semantic version such as 1.0.0'],
  ['/$defs/languageCode/', 'a language code such as en or pt-BR'],
];

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
}

/** Reads a value at JSON-pointer segments without throwing. */
function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

/** "buttons[0].title" from ['buttons', '0', 'title']. */
function fieldName(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

interface Location {
  nodeId?: string;
  /** "node 'ask1'", "node #3" or "the flow". */
  owner: string;
  /** Field below the owner: "buttons[0].title" (empty for the owner itself). */
  field: string;
}

function locate(input: unknown, segments: readonly string[], documentName: string): Location {
  if (documentName === 'flow' && segments[0] === 'nodes' && segments.length >= 2 && /^\d+$/.test(segments[1]!)) {
    const id = valueAt(input, ['nodes', segments[1]!, 'id']);
    const nodeId = typeof id === 'string' ? id : undefined;
    const owner = nodeId !== undefined ? `node '${nodeId}'` : `node #${segments[1]}`;
    return nodeId !== undefined ? { nodeId, owner, field: fieldName(segments.slice(2)) } : { owner, field: fieldName(segments.slice(2)) };
  }
  return { owner: `the ${documentName}`, field: fieldName(segments) };
}

/** "'buttons[0].title' of node 'ask1'" or "node 'ask1'" or "'settings.expireAfter'". */
function subject(loc: Location): string {
  if (loc.field === '') return loc.owner.replace(/^the/, 'The').replace(/^node/, 'Node');
  return loc.owner.startsWith('the ') ? `'${loc.field}'` : `'${loc.field}' of ${loc.owner}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && Number.isInteger(value)) return `the number ${value}`;
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 39) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

function describeOne(error: ErrorObject, input: unknown, documentName: string): ValidationIssue | null {
  const segments = segmentsOf(error.instancePath);
  const loc = locate(input, segments, documentName);
  const data = valueAt(input, segments);
  const params = error.params as Record<string, unknown>;
  const make = (code: string, message: string, path = error.instancePath) => issue('error', code, message, path, loc.nodeId);

  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return null;
    case 'required':
      return make('schema-required', `${subject(loc)} is missing the required property '${String(params.missingProperty)}'.`);
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = knownProperties(documentName as 'flow' | 'layout', input, segments);
      const where = loc.field === '' ? loc.owner : `'${loc.field}' of ${loc.owner}`;
      return make(
        'schema-unknown-property',
        `Unknown property '${name}' in ${where}.${didYouMean(name, known)}`,
        joinPointer(error.instancePath, name),
      );
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v));
      const isNodeType = documentName === 'flow' && segments.length === 3 && segments[0] === 'nodes' && segments[2] === 'type';
      if (isNodeType) {
        const nodePath = joinPointer('', 'nodes', segments[1]!);
        return make(
          'unknown-node-type',
          `Unknown node type '${String(data)}' at ${nodePath}${loc.nodeId ? ` (node '${loc.nodeId}')` : ''}; expected one of ${NODE_TYPES.join(', ')}.`,
        );
      }
      return make('schema-enum', `${subject(loc)} is ${jsonType(data)}; expected one of ${allowed.join(', ')}.`);
    }
    case 'type':
      return make('schema-type', `${subject(loc)} is ${jsonType(data)}; expected ${String(params.type).split(',').join(' or ')}.`);
    case 'const':
      return make('schema-enum', `${subject(loc)} must be ${JSON.stringify(params.allowedValue)}.`);
    case 'pattern': {
      const meaning = PATTERN_MEANINGS.find(([marker]) => error.schemaPath.includes(marker))?.[1];
      const expected = meaning ?? `text matching ${String(params.pattern)}`;
      if (error.propertyName !== undefined) {
        const path = joinPointer(error.instancePath, error.propertyName);
        const where = loc.field === '' ? loc.owner : `'${loc.field}' of ${loc.owner}`;
        return make('schema-pattern', `The key '${error.propertyName}' in ${where} is not valid; expected ${expected}.`, path);
      }
      return make('schema-pattern', `${subject(loc)} is ${jsonType(data)}; expected ${expected}.`);
    }
    case 'uniqueItems':
      return make(
        'schema-invalid',
        `${subject(loc)} lists the same value twice (items ${String(params.j)} and ${String(params.i)}); each item must be unique.`,
      );
    case 'minLength':
      if (params.limit === 1) return make('schema-limit', `${subject(loc)} must not be empty.`);
      return make('schema-limit', `${subject(loc)} ${error.message ?? 'is too short'}.`);
    case 'minItems':
      if (params.limit === 1) return make('schema-limit', `${subject(loc)} must have at least one item.`);
      return make('schema-limit', `${subject(loc)} ${error.message ?? 'has too few items'}.`);
    default: {
      // maxLength, maxItems, minimum, maximum, exclusiveMinimum, minProperties… are size/range limits.
      const isLimit = /^(min|max|exclusive)/.test(error.keyword);
      return make(isLimit ? 'schema-limit' : 'schema-invalid', `${subject(loc)} ${error.message ?? 'is invalid'}.`);
    }
  }
}

export function describeAjvErrors(errors: readonly ErrorObject[], input: unknown, documentName: 'flow' | 'layout'): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const described = describeOne(error, input, documentName);
    if (!described) continue;
    const key = `${described.path}\u0000${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(described);
    if (found.length >= MAX_SCHEMA_ISSUES) break;
  }
  return found;
}
