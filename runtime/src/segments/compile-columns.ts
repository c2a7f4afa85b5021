/**
 * Conditions on a contact's own columns: texts (name, language, …), tags and times.
 * "Not equal" and "not in" include contacts without the value (a contact with no language is
 * "not English"), which is what a person building a segment means.
 */
import type { FieldCondition } from '@parley/contract';
import {
  DAY_MS,
  likeEscaped,
  needDays,
  needList,
  needNumber,
  needString,
  needStrings,
  oneOf,
  SegmentFilterError,
  type CompileScope,
} from './compile-params';

type Kind = 'text' | 'tags' | 'time';

/** Filter field → column and kind. Names are compared case-insensitively. */
const COLUMNS: Record<string, { column: string; kind: Kind; folded?: boolean }> = {
  name: { column: 'c.name', kind: 'text', folded: true },
  language: { column: 'c.language', kind: 'text' },
  timezone: { column: 'c.timezone', kind: 'text' },
  channel: { column: 'c.channel', kind: 'text' },
  address: { column: 'c.address', kind: 'text' },
  tags: { column: 'c.tags', kind: 'tags' },
  firstSeenAt: { column: 'c.first_seen_at', kind: 'time' },
  lastSeenAt: { column: 'c.last_seen_at', kind: 'time' },
  lastInboundAt: { column: 'c.last_inbound_at', kind: 'time' },
  createdAt: { column: 'c.created_at', kind: 'time' },
};

const OPS: Record<Kind, readonly string[]> = {
  text: ['eq', 'neq', 'contains', 'starts_with', 'in', 'not_in', 'exists', 'not_exists'],
  tags: ['has_tag', 'lacks_tag', 'in', 'not_in', 'exists', 'not_exists'],
  time: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists', 'older_than_days', 'within_days'],
};

const COMPARE: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function compileContactField(condition: FieldCondition, path: string, scope: CompileScope): string {
  const spec = COLUMNS[condition.field];
  if (!spec) throw new SegmentFilterError(`${path}.field`, `${oneOf(Object.keys(COLUMNS))} or fields.<key>`, condition.field);
  if (!OPS[spec.kind].includes(condition.op)) {
    throw new SegmentFilterError(`${path}.op`, `for ${condition.field}: ${oneOf(OPS[spec.kind])}`, condition.op);
  }
  const valuePath = `${path}.value`;
  switch (spec.kind) {
    case 'text':
      return textCondition(spec.column, spec.folded === true, condition, valuePath, scope);
    case 'tags':
      return tagsCondition(spec.column, condition, valuePath, scope);
    case 'time':
      return timeCondition(spec.column, condition, valuePath, scope);
  }
}

/** Texts: `folded` compares lower-cased on both sides (the name index is on lower(name)). */
export function textCondition(column: string, folded: boolean, condition: FieldCondition, path: string, scope: CompileScope): string {
  const { params } = scope;
  const col = folded ? `lower(${column})` : column;
  const fold = (text: string) => (folded ? text.toLowerCase() : text);
  switch (condition.op) {
    case 'exists':
      return `${column} IS NOT NULL`;
    case 'not_exists':
      return `${column} IS NULL`;
    case 'eq':
      return `${col} = ${params.add(fold(needString(condition.value, path)), 'text')}`;
    case 'neq':
      return `${col} IS DISTINCT FROM ${params.add(fold(needString(condition.value, path)), 'text')}`;
    case 'contains':
      return `${column} ILIKE ${params.add(`%${likeEscaped(needString(condition.value, path))}%`, 'text')}`;
    case 'starts_with':
      return `${column} ILIKE ${params.add(`${likeEscaped(needString(condition.value, path))}%`, 'text')}`;
    case 'in':
      return `${col} = ANY(${params.add(needList(condition.value, path, needString).map(fold), 'text[]')})`;
    case 'not_in':
      return `(${column} IS NULL OR NOT (${col} = ANY(${params.add(needList(condition.value, path, needString).map(fold), 'text[]')})))`;
    default:
      throw new SegmentFilterError(path, 'a text operator');
  }
}

function tagsCondition(column: string, condition: FieldCondition, path: string, scope: CompileScope): string {
  const { params } = scope;
  switch (condition.op) {
    case 'exists':
      return `cardinality(${column}) > 0`;
    case 'not_exists':
      return `cardinality(${column}) = 0`;
    // Every tag given (one or a list); the gin index answers @> and &&.
    case 'has_tag':
      return `${column} @> ${params.add(needStrings(condition.value, path), 'text[]')}`;
    case 'lacks_tag':
      return `NOT (${column} && ${params.add(needStrings(condition.value, path), 'text[]')})`;
    case 'in':
      return `${column} && ${params.add(needList(condition.value, path, needString), 'text[]')}`;
    case 'not_in':
      return `NOT (${column} && ${params.add(needList(condition.value, path, needString), 'text[]')})`;
    default:
      throw new SegmentFilterError(path, 'a tag operator');
  }
}

function timeCondition(column: string, condition: FieldCondition, path: string, scope: CompileScope): string {
  const { params, now } = scope;
  switch (condition.op) {
    case 'exists':
      return `${column} IS NOT NULL`;
    case 'not_exists':
      return `${column} IS NULL`;
    case 'older_than_days':
      return `${column} < ${params.add(Math.round(now - needDays(condition.value, path) * DAY_MS), 'bigint')}`;
    case 'within_days':
      return `${column} >= ${params.add(Math.round(now - needDays(condition.value, path) * DAY_MS), 'bigint')}`;
    case 'eq':
      return `${column} = ${params.add(needTime(condition.value, path), 'bigint')}`;
    case 'neq':
      return `${column} IS DISTINCT FROM ${params.add(needTime(condition.value, path), 'bigint')}`;
    default: {
      const operator = COMPARE[condition.op];
      if (!operator) throw new SegmentFilterError(path, 'a time operator');
      return `${column} ${operator} ${params.add(needTime(condition.value, path), 'bigint')}`;
    }
  }
}

/** Unix ms, or an ISO date / date-time ("2025-01-31", "2025-01-31T09:00:00Z"). */
function needTime(value: unknown, path: string): number {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  if (typeof value === 'string') throw new SegmentFilterError(path, 'a time: Unix milliseconds or an ISO date (YYYY-MM-DD)', value);
  return Math.round(needNumber(value, path));
}
