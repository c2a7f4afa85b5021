/**
 * Custom fields: the tenant's typed definitions (text, number, date, boolean, choice) and the
 * check of a value against its definition. Values arrive typed from the API and as text from CSV
 * files and flow variables, so the check also coerces ("42" → 42, "yes" → true, "Gold" → "gold"
 * for a choice "gold") and says precisely what was expected otherwise.
 */
import type { CustomFieldDefinition, CustomFieldValue } from '@parley/contract';
import type { Sql } from '../db/sql';

/** A contact attribute or field value that cannot be stored: `path` names it (`fields.birthday`, `timezone`). */
export class ContactInputError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ContactInputError';
  }
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const TEXT_MAX = 2000;

export type FieldCheck = { ok: true; value: CustomFieldValue } | { ok: false; problem: string };

/** The value as stored for `def`, or what was expected. */
export function checkFieldValue(def: CustomFieldDefinition, value: unknown): FieldCheck {
  switch (def.type) {
    case 'text':
      if (typeof value === 'string') return value.length <= TEXT_MAX ? ok(value) : bad(`text of at most ${TEXT_MAX} characters`, value);
      if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
      return bad('text', value);
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/,(\d+)$/, '.$1')) : value;
      return typeof n === 'number' && Number.isFinite(n) ? ok(n) : bad('a number', value);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return ok(value);
      const word = String(value).trim().toLowerCase();
      if (['true', 'yes', '1', 'y'].includes(word)) return ok(true);
      if (['false', 'no', '0', 'n'].includes(word)) return ok(false);
      return bad('true or false (yes/no, 1/0)', value);
    }
    case 'date':
      return checkDate(value);
    case 'choice': {
      const choices = def.choices ?? [];
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text !== 'string') return bad(`one of ${choices.join(', ')}`, value);
      const exact = choices.find((c) => c === text.trim()) ?? choices.find((c) => c.toLowerCase() === text.trim().toLowerCase());
      return exact !== undefined ? ok(exact) : bad(`one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
    }
  }
}

/** A date as YYYY-MM-DD: from that form, an ISO date-time (its date part) or Unix ms. */
function checkDate(value: unknown): FieldCheck {
  const expected = 'a date YYYY-MM-DD';
  if (typeof value === 'number') return Number.isFinite(value) ? ok(new Date(value).toISOString().slice(0, 10)) : bad(expected, value);
  if (typeof value !== 'string') return bad(expected, value);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return bad(expected, value);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // 2024-02-30 parses as March 1st: a date that does not round-trip does not exist.
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return bad(`${expected} that exists`, value);
  return ok(`${y}-${m}-${d}`);
}

export interface CheckFieldsOptions {
  /** Flows may save any variable: keys with no definition are kept as given (text, number or boolean). */
  allowUndefined?: boolean;
}

/** Checks every value; throws `ContactInputError` at the first bad one (path `fields.<key>`). */
export function checkFieldValues(
  defs: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  opts: CheckFieldsOptions = {},
): Record<string, CustomFieldValue> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const path = `fields.${key}`;
    if (!KEY.test(key))
      throw new ContactInputError(path, 'a field key is lowercase letters, digits and _ (starting with a letter, at most 40)');
    const def = byKey.get(key);
    if (!def) {
      if (!opts.allowUndefined) {
        const known = defs.length ? `: defined fields are ${defs.map((d) => d.key).join(', ')}` : ': no custom fields are defined';
        throw new ContactInputError(path, `no custom field "${key}" is defined${known}`);
      }
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
      else throw new ContactInputError(path, `expected text, a number or true/false, got ${describe(value)}`);
      continue;
    }
    const checked = checkFieldValue(def, value);
    if (!checked.ok) throw new ContactInputError(path, checked.problem);
    out[key] = checked.value;
  }
  return out;
}

/** Checks a whole set of definitions (PUT /api/contact-fields): unique keys, choices only and always on choice fields. */
function checkDefinitions(defs: readonly CustomFieldDefinition[]): void {
  const seen = new Set<string>();
  defs.forEach((def, i) => {
    const at = `fields[${i}]`;
    if (!KEY.test(def.key))
      throw new ContactInputError(`${at}.key`, 'lowercase letters, digits and _ (starting with a letter, at most 40)');
    if (seen.has(def.key)) throw new ContactInputError(`${at}.key`, `"${def.key}" is defined twice`);
    seen.add(def.key);
    if (def.type === 'choice' && !def.choices?.length)
      throw new ContactInputError(`${at}.choices`, 'a choice field needs its list of choices');
    if (def.type !== 'choice' && def.choices)
      throw new ContactInputError(`${at}.choices`, `only choice fields have choices (this one is ${def.type})`);
    if (def.choices && new Set(def.choices).size !== def.choices.length) throw new ContactInputError(`${at}.choices`, 'each choice once');
  });
}

interface FieldRow {
  key: string;
  label: string;
  type: CustomFieldDefinition['type'];
  choices: string[] | null;
}

export async function listFieldDefinitions(sql: Sql, tenant: string): Promise<CustomFieldDefinition[]> {
  const { rows } = await sql.query<FieldRow>(
    'SELECT key, label, type, choices FROM contact_fields WHERE tenant = $1 ORDER BY position, key',
    [tenant],
  );
  return rows.map((r) => ({ key: r.key, label: r.label, type: r.type, ...(r.choices ? { choices: r.choices } : {}) }));
}

/** Replaces the tenant's definitions (in this order). Values already on contacts stay; they are checked again when next written. */
export async function putFieldDefinitions(
  sql: Sql,
  tenant: string,
  defs: readonly CustomFieldDefinition[],
): Promise<CustomFieldDefinition[]> {
  checkDefinitions(defs);
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM contact_fields WHERE tenant = $1', [tenant]);
    if (defs.length === 0) return;
    await tx.query(
      `INSERT INTO contact_fields (tenant, key, label, type, choices, position)
       SELECT $1, d.key, d.label, d.type, d.choices, d.position FROM jsonb_to_recordset($2::jsonb)
         AS d(key text, label text, type text, choices jsonb, position integer)`,
      [tenant, JSON.stringify(defs.map((d, position) => ({ ...d, choices: d.choices ?? null, position })))],
    );
  });
  return listFieldDefinitions(sql, tenant);
}

function ok(value: CustomFieldValue): FieldCheck {
  return { ok: true, value };
}

function bad(expected: string, got: unknown): FieldCheck {
  return { ok: false, problem: `expected ${expected}, got ${describe(got)}` };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
