/**
 * The segment builder's model: a SegmentFilter (@parley/contract) edited in place. Each condition
 * is one of four kinds for the marketer (a contact field, a tag, consent, activity); this file
 * says which kind a condition is, what a new one looks like, when it is complete enough to count,
 * and which condition a server error's path names.
 */
import type { ActivityCondition, CustomFieldDefinition, FieldCondition, SegmentFilter, SimpleCondition } from '@parley/contract';

export type ConditionKind = 'field' | 'tag' | 'consent' | 'activity';
export type FieldOp = FieldCondition['op'];
export type Activity = ActivityCondition['activity'];

export const KIND_LABEL: Record<ConditionKind, string> = {
  field: 'Contact field',
  tag: 'Tag',
  consent: 'Consent',
  activity: 'Activity',
};

export function kindOf(c: SimpleCondition): ConditionKind {
  if ('consent' in c) return 'consent';
  if ('activity' in c) return 'activity';
  return c.field === 'tags' ? 'tag' : 'field';
}

export function newCondition(kind: ConditionKind): SimpleCondition {
  switch (kind) {
    case 'field':
      return { field: 'lastInboundAt', op: 'older_than_days', value: 30 };
    case 'tag':
      return { field: 'tags', op: 'has_tag', value: '' };
    case 'consent':
      return { consent: 'marketing', is: 'opted_in' };
    case 'activity':
      return { activity: 'flow_entered', flow: '' };
  }
}

export const emptyFilter = (): SegmentFilter => ({ match: 'all', conditions: [] });

/** The contact's own fields a condition can test; `time` ones compare by days. */
export const BUILT_IN_FIELDS: { key: string; label: string; time?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'language', label: 'Language' },
  { key: 'timezone', label: 'Time zone' },
  { key: 'channel', label: 'Channel' },
  { key: 'address', label: 'Address (phone or id)' },
  { key: 'lastInboundAt', label: 'Last message from them', time: true },
  { key: 'lastSeenAt', label: 'Last seen', time: true },
  { key: 'firstSeenAt', label: 'First seen', time: true },
  { key: 'createdAt', label: 'Added', time: true },
];

const TEXT_OPS: FieldOp[] = ['eq', 'neq', 'contains', 'starts_with', 'exists', 'not_exists'];
const NUMBER_OPS: FieldOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'];
const TIME_OPS: FieldOp[] = ['older_than_days', 'within_days', 'exists', 'not_exists'];
const BOOLEAN_OPS: FieldOp[] = ['eq', 'exists', 'not_exists'];
const CHOICE_OPS: FieldOp[] = ['eq', 'neq', 'exists', 'not_exists'];

export const OP_LABEL: Record<FieldOp, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  starts_with: 'starts with',
  in: 'is one of',
  not_in: 'is none of',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  exists: 'is set',
  not_exists: 'is not set',
  has_tag: 'has tag',
  lacks_tag: 'does not have tag',
  older_than_days: 'more than N days ago',
  within_days: 'within the last N days',
};

export type ValueInput = 'text' | 'number' | 'date' | 'boolean' | 'choice' | 'days' | 'none';

/** Which operators a field offers and what its value input is. */
export function fieldShape(field: string, defs: CustomFieldDefinition[]): { ops: FieldOp[]; input: ValueInput; choices?: string[] } {
  const builtIn = BUILT_IN_FIELDS.find((f) => f.key === field);
  if (builtIn?.time) return { ops: TIME_OPS, input: 'days' };
  const def = field.startsWith('fields.') ? defs.find((d) => `fields.${d.key}` === field) : undefined;
  if (!def) return { ops: TEXT_OPS, input: 'text' };
  if (def.type === 'number') return { ops: NUMBER_OPS, input: 'number' };
  if (def.type === 'date')
    return { ops: [...NUMBER_OPS.slice(0, 6), 'older_than_days', 'within_days', 'exists', 'not_exists'], input: 'date' };
  if (def.type === 'boolean') return { ops: BOOLEAN_OPS, input: 'boolean' };
  if (def.type === 'choice') return { ops: CHOICE_OPS, input: 'choice', choices: def.choices ?? [] };
  return { ops: TEXT_OPS, input: 'text' };
}

/** The input an operator needs on a field (days for the N-days ones, none for set/not set). */
export function valueInputFor(c: FieldCondition, defs: CustomFieldDefinition[]): ValueInput {
  if (c.op === 'exists' || c.op === 'not_exists') return 'none';
  if (c.op === 'older_than_days' || c.op === 'within_days') return 'days';
  return fieldShape(c.field, defs).input;
}

export const ACTIVITY_LABEL: Record<Activity, string> = {
  flow_entered: 'entered flow',
  node_reached: 'reached step',
  button_clicked: 'clicked button',
  message_received: 'sent a message',
  campaign_sent: 'was sent campaign',
  replied: 'replied to campaign',
  converted: 'converted in campaign',
};

/** The activity's own inputs, in order. */
export function activityInputs(a: Activity): ('flow' | 'node' | 'button' | 'campaign')[] {
  switch (a) {
    case 'flow_entered':
      return ['flow'];
    case 'node_reached':
      return ['flow', 'node'];
    case 'button_clicked':
      return ['button', 'campaign'];
    case 'message_received':
      return [];
    default:
      return ['campaign'];
  }
}

/** Inputs that must be filled before the condition means anything (a campaign narrows, it is never required). */
function activityRequired(a: Activity): ('flow' | 'node' | 'button')[] {
  if (a === 'flow_entered') return ['flow'];
  if (a === 'node_reached') return ['node'];
  if (a === 'button_clicked') return ['button'];
  return [];
}

/** What is missing from a condition in words, or null when it can be counted. */
export function incomplete(c: SimpleCondition, defs: CustomFieldDefinition[]): string | null {
  if ('consent' in c) return null;
  if ('activity' in c) {
    const missing = activityRequired(c.activity).find((k) => !String(c[k] ?? '').trim());
    return missing ? `Fill in the ${missing === 'node' ? 'step' : missing}.` : null;
  }
  if (c.field === 'tags') return String(c.value ?? '').trim() ? null : 'Fill in the tag.';
  const input = valueInputFor(c, defs);
  if (input === 'none' || input === 'boolean') return null;
  if (c.value === undefined || String(c.value).trim() === '') return input === 'days' ? 'Fill in the number of days.' : 'Fill in a value.';
  return null;
}

/** The first incomplete condition's number (1-based) and reason, over groups too. */
export function firstIncomplete(filter: SegmentFilter, defs: CustomFieldDefinition[]): { index: number; reason: string } | null {
  for (const [i, c] of filter.conditions.entries()) {
    const inner = 'group' in c ? c.group.conditions : [c];
    for (const s of inner) {
      const reason = incomplete(s, defs);
      if (reason) return { index: i, reason };
    }
  }
  return null;
}

/** Where a server error points: the top-level condition and, inside a group, the inner one. */
export interface ErrorTarget {
  index: number;
  inner?: number;
}

/**
 * The condition a 400 names. The segment compiler says `conditions[2].value` (or
 * `conditions[1].group.conditions[0].flow`), the schema check `body.filter.conditions.2.value`;
 * both may sit in `details.path`, `path` or the message.
 */
export function errorTarget(body: unknown, message: string): ErrorTarget | null {
  const candidates: string[] = [];
  if (typeof body === 'object' && body !== null) {
    const b = body as { path?: unknown; error?: { path?: unknown; details?: unknown } };
    const details = b.error?.details;
    if (typeof details === 'object' && details !== null && typeof (details as { path?: unknown }).path === 'string')
      candidates.push((details as { path: string }).path);
    if (typeof b.error?.path === 'string') candidates.push(b.error.path);
    if (typeof b.path === 'string') candidates.push(b.path);
  }
  candidates.push(message);
  for (const text of candidates) {
    const m = /conditions(?:\[(\d+)\]|[./](\d+))(?:[./]group[./]conditions(?:\[(\d+)\]|[./](\d+)))?/.exec(text);
    if (m) {
      const index = Number(m[1] ?? m[2]);
      const inner = m[3] ?? m[4];
      return inner === undefined ? { index } : { index, inner: Number(inner) };
    }
  }
  return null;
}

export type { ActivityCondition, FieldCondition };

/** The filter as sent: activity inputs left empty and `negate: false` are dropped (empty is "any", not ""). */
export function cleanFilter(filter: SegmentFilter): SegmentFilter {
  const clean = (c: SimpleCondition): SimpleCondition => {
    if (!('activity' in c)) return c;
    const out: ActivityCondition = { activity: c.activity };
    for (const k of ['flow', 'node', 'button', 'campaign'] as const) if (c[k]?.trim()) out[k] = c[k].trim();
    if (c.withinDays !== undefined) out.withinDays = c.withinDays;
    if (c.negate) out.negate = true;
    return out;
  };
  return {
    match: filter.match,
    conditions: filter.conditions.map((c) =>
      'group' in c ? { group: { match: c.group.match, conditions: c.group.conditions.map(clean) } } : clean(c),
    ),
  };
}
