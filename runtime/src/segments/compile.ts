/**
 * A segment filter → one boolean SQL expression over the contacts alias `c`, for
 * `SELECT … FROM contacts c WHERE c.tenant = $1 AND (<sql>)`.
 *
 * Every value of the filter (strings, numbers, tag names, field keys, flow and campaign ids) goes
 * in `params`; the SQL text is made only of this file's constants and `$n` placeholders, so no
 * filter can inject SQL (the fuzz test checks it). Filters stored as jsonb are not trusted either:
 * the shape is checked here, and a bad one throws `SegmentFilterError` naming the path.
 */
import type { ActivityCondition, ConsentCondition, CustomFieldDefinition, FieldCondition, SegmentFilter } from '@parley/contract';
import { compileActivity } from './compile-activity';
import { compileCustomField } from './compile-fields';
import { oneOf, Params, SegmentFilterError, type CompileScope } from './compile-params';
import { compileContactField } from './compile-columns';

export { SegmentFilterError } from './compile-params';

export interface CompileOptions {
  tenant: string;
  /** The time the relative conditions (`within_days`, `withinDays`) count back from. */
  now: number;
  /** The tenant's custom fields: `fields.<key>` compares by the definition's type. Absent: by the value's type. */
  fields?: CustomFieldDefinition[];
  /** The first placeholder's number (default 1): the caller's own parameters come before. */
  firstParam?: number;
}

export interface CompiledFilter {
  sql: string;
  params: unknown[];
}

export function compileFilter(filter: SegmentFilter, opts: CompileOptions): CompiledFilter {
  const params = new Params(opts.firstParam ?? 1);
  const scope: CompileScope = { now: opts.now, params, fields: opts.fields && new Map(opts.fields.map((f) => [f.key, f])) };
  if (!isObject(filter)) throw new SegmentFilterError('', 'a filter object { match, conditions }');
  const sql = compileList(filter as unknown as Record<string, unknown>, '', scope, true);
  return { sql, params: params.values };
}

function compileList(list: Record<string, unknown>, path: string, scope: CompileScope, groupsAllowed: boolean): string {
  const match = list.match;
  if (match !== 'all' && match !== 'any') throw new SegmentFilterError(join(path, 'match'), '"all" or "any"', match);
  const conditions = list.conditions;
  if (!Array.isArray(conditions)) throw new SegmentFilterError(join(path, 'conditions'), 'an array of conditions', conditions);
  // An empty filter (or group) is "every contact": the builder starts there.
  if (conditions.length === 0) return 'TRUE';
  const parts = conditions.map((condition: unknown, i) => {
    const at = `${join(path, 'conditions')}[${i}]`;
    if (!isObject(condition)) throw new SegmentFilterError(at, 'a condition object', condition);
    if ('group' in condition) {
      if (!groupsAllowed)
        throw new SegmentFilterError(`${at}.group`, 'a field, consent or activity condition (groups nest one level only)');
      if (!isObject(condition.group)) throw new SegmentFilterError(`${at}.group`, 'a group { match, conditions }', condition.group);
      return `(${compileList(condition.group, `${at}.group`, scope, false)})`;
    }
    return `(${compileCondition(condition, at, scope)})`;
  });
  return parts.join(match === 'all' ? ' AND ' : ' OR ');
}

function compileCondition(condition: Record<string, unknown>, path: string, scope: CompileScope): string {
  if ('activity' in condition) return compileActivity(condition as unknown as ActivityCondition, path, scope);
  if ('consent' in condition) return compileConsent(condition as unknown as ConsentCondition, path, scope);
  if ('field' in condition) {
    const field = condition.field;
    if (typeof field !== 'string') throw new SegmentFilterError(`${path}.field`, 'a field name', field);
    const fieldCondition = condition as unknown as FieldCondition;
    if (field.startsWith('fields.')) return compileCustomField(fieldCondition, field.slice('fields.'.length), path, scope);
    return compileContactField(fieldCondition, path, scope);
  }
  throw new SegmentFilterError(path, 'a condition with "field", "consent" or "activity"');
}

const PURPOSES = ['marketing', 'utility'];
const STATUSES = ['opted_in', 'opted_out', 'none'];

function compileConsent(condition: ConsentCondition, path: string, scope: CompileScope): string {
  if (!PURPOSES.includes(condition.consent)) throw new SegmentFilterError(`${path}.consent`, oneOf(PURPOSES), condition.consent);
  if (!STATUSES.includes(condition.is)) throw new SegmentFilterError(`${path}.is`, oneOf(STATUSES), condition.is);
  const purpose = scope.params.add(condition.consent, 'text');
  const row = `SELECT 1 FROM consent_state s WHERE s.tenant = c.tenant AND s.contact_id = c.id AND s.purpose = ${purpose}`;
  if (condition.is === 'none') return `NOT EXISTS (${row})`;
  return `EXISTS (${row} AND s.status = ${scope.params.add(condition.is, 'text')})`;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
