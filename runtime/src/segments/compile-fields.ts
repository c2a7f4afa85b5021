/**
 * Conditions on custom fields (`fields.<key>`, kept in the contacts' `fields` jsonb), compared by
 * the field's declared type: numbers numerically, dates as YYYY-MM-DD, booleans and choices
 * exactly. Equality is jsonb containment (`@>`), which the gin index answers. A value of the wrong
 * JSON type in a row (e.g. text in a number field) never matches and never breaks the query.
 */
import type { CustomFieldDefinition, CustomFieldType, FieldCondition } from '@parley/contract';
import { textCondition } from './compile-columns';
import {
  DAY_MS,
  needBoolean,
  needDays,
  needList,
  needNumber,
  needString,
  oneOf,
  SegmentFilterError,
  type CompileScope,
} from './compile-params';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const OPS: Record<CustomFieldType, readonly string[]> = {
  text: ['eq', 'neq', 'contains', 'starts_with', 'in', 'not_in', 'exists', 'not_exists'],
  choice: ['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists', 'not_exists'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists', 'older_than_days', 'within_days'],
  boolean: ['eq', 'neq', 'exists', 'not_exists'],
};

const COMPARE: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function compileCustomField(condition: FieldCondition, key: string, path: string, scope: CompileScope): string {
  if (!KEY.test(key))
    throw new SegmentFilterError(`${path}.field`, 'fields.<key> with a key of lowercase letters, digits and _', condition.field);
  const definition = definitionOf(key, condition, path, scope);
  const type = definition?.type ?? inferredType(condition.value);
  if (!OPS[type].includes(condition.op)) {
    throw new SegmentFilterError(`${path}.op`, `for the ${type} field ${key}: ${oneOf(OPS[type])}`, condition.op);
  }
  const { params } = scope;
  const valuePath = `${path}.value`;
  const value = (v: unknown, at: string) => checkedValue(type, definition, v, at);
  if (condition.op === 'eq' || condition.op === 'neq') {
    const contains = `c.fields @> ${params.add(JSON.stringify({ [key]: value(condition.value, valuePath) }), 'jsonb')}`;
    return condition.op === 'eq' ? contains : `NOT (${contains})`;
  }
  const keyParam = params.add(key, 'text');
  const json = `c.fields -> ${keyParam}`;
  if (condition.op === 'exists') return `coalesce(jsonb_typeof(${json}), 'null') <> 'null'`;
  if (condition.op === 'not_exists') return `coalesce(jsonb_typeof(${json}), 'null') = 'null'`;
  if (type === 'text' || type === 'choice') {
    if (type === 'choice') needList(condition.value, valuePath, value);
    return textCondition(`(c.fields ->> ${keyParam})`, false, condition, valuePath, scope);
  }
  if (type === 'number') {
    const number = `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (c.fields ->> ${keyParam})::numeric END)`;
    if (condition.op === 'in') return `${number} = ANY(${params.add(needList(condition.value, valuePath, needNumber), 'numeric[]')})`;
    if (condition.op === 'not_in') {
      return `(${number} IS NULL OR NOT (${number} = ANY(${params.add(needList(condition.value, valuePath, needNumber), 'numeric[]')})))`;
    }
    return `${number} ${COMPARE[condition.op]} ${params.add(needNumber(condition.value, valuePath), 'numeric')}`;
  }
  // Dates: YYYY-MM-DD texts compare in byte order like the dates they spell.
  const date = `(CASE WHEN (c.fields ->> ${keyParam}) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN left(c.fields ->> ${keyParam}, 10) END) COLLATE "C"`;
  if (condition.op === 'older_than_days' || condition.op === 'within_days') {
    const cutoff = new Date(scope.now - needDays(condition.value, valuePath) * DAY_MS).toISOString().slice(0, 10);
    return `${date} ${condition.op === 'older_than_days' ? '<' : '>='} ${params.add(cutoff, 'text')}`;
  }
  return `${date} ${COMPARE[condition.op]} ${params.add(needDate(condition.value, valuePath), 'text')}`;
}

function definitionOf(key: string, condition: FieldCondition, path: string, scope: CompileScope): CustomFieldDefinition | undefined {
  if (!scope.fields) return undefined;
  const definition = scope.fields.get(key);
  if (!definition) {
    const known = [...scope.fields.keys()].map((k) => `fields.${k}`);
    throw new SegmentFilterError(
      `${path}.field`,
      known.length ? `a defined custom field: ${oneOf(known)}` : 'a defined custom field (none are defined)',
      condition.field,
    );
  }
  return definition;
}

/** Without the tenant's definitions the value says how to compare (a filter built in code). */
function inferredType(value: unknown): CustomFieldType {
  if (typeof value === 'number' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number'))) return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

function checkedValue(
  type: CustomFieldType,
  definition: CustomFieldDefinition | undefined,
  value: unknown,
  path: string,
): string | number | boolean {
  switch (type) {
    case 'number':
      return needNumber(value, path);
    case 'boolean':
      return needBoolean(value, path);
    case 'date':
      return needDate(value, path);
    case 'choice': {
      const text = needString(value, path);
      const choices = definition?.choices ?? [];
      if (choices.length > 0 && !choices.includes(text))
        throw new SegmentFilterError(path, `one of the field's choices: ${oneOf(choices)}`, value);
      return text;
    }
    case 'text':
      return needString(value, path);
  }
}

function needDate(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new SegmentFilterError(path, 'a date (YYYY-MM-DD)', value);
  }
  return value;
}

/** A real day: 2025-02-30 is refused (Date would roll it over to March). */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(text);
}
