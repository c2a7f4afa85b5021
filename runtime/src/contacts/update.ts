/**
 * What a flow saves to its contact (`set` node targets `contact.<field>`): applied after the
 * worker's commit. A flow must never stop on a bad value, so each bad one is left out and
 * reported (the caller logs it) while the good ones are written.
 */
import type { ContactChannel, CustomFieldDefinition, CustomFieldValue } from '@parley/contract';
import type { Sql } from '../db/sql';
import { timezoneForNumber } from './addresses';
import { checkLanguage, checkName, checkTags, checkTimezone } from './attributes';
import { checkFieldValues, ContactInputError, listFieldDefinitions } from './fields';

export interface ContactUpdate {
  name?: unknown;
  language?: unknown;
  timezone?: unknown;
  /** Replaces the tags: a list, or text with `,`/`;` between tags. */
  tags?: unknown;
  /** Custom fields, merged (keys with no definition are kept as given). */
  fields?: Record<string, unknown>;
}

const ATTRIBUTES = ['name', 'language', 'timezone', 'tags'] as const;

/** A set node's `contact.<field>` values (a `contact.update` effect's fields) as an update: attributes by name, the rest custom fields. */
export function contactUpdateOf(saved: Record<string, unknown>): ContactUpdate {
  const update: ContactUpdate = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(saved)) {
    if ((ATTRIBUTES as readonly string[]).includes(key)) update[key as (typeof ATTRIBUTES)[number]] = value;
    else fields[key] = value;
  }
  if (Object.keys(fields).length > 0) update.fields = fields;
  return update;
}

export interface ContactUpdateResult {
  id: string;
  /** Values left out, as `path: problem`. */
  problems: string[];
}

/** Writes the update to the contact with this address, creating the contact when it is new. */
export async function setContactFields(
  sql: Sql,
  tenant: string,
  channel: ContactChannel,
  address: string,
  update: ContactUpdate,
  now: number,
  opts: { fields?: CustomFieldDefinition[] } = {},
): Promise<ContactUpdateResult> {
  const problems: string[] = [];
  const attempt = <T>(check: () => T): T | null => {
    try {
      return check();
    } catch (err) {
      if (!(err instanceof ContactInputError)) throw err;
      problems.push(err.message);
      return null;
    }
  };
  const name = update.name === undefined ? null : attempt(() => checkName(text('name', update.name)) ?? null);
  const language = update.language === undefined ? null : attempt(() => checkLanguage(text('language', update.language)));
  const timezone = update.timezone === undefined ? null : attempt(() => checkTimezone(text('timezone', update.timezone)));
  const tags = update.tags === undefined ? null : attempt(() => checkTags(tagList(update.tags)));
  let fields: Record<string, CustomFieldValue> | null = null;
  if (update.fields && Object.keys(update.fields).length > 0) {
    const defs = opts.fields ?? (await listFieldDefinitions(sql, tenant));
    fields = {};
    for (const [key, value] of Object.entries(update.fields)) {
      // A variable that was never set is no value to save.
      if (value === null || value === undefined) continue;
      Object.assign(fields, attempt(() => checkFieldValues(defs, { [key]: value }, { allowUndefined: true })) ?? {});
    }
  }
  const inferredZone = channel === 'whatsapp' ? (timezoneForNumber(address) ?? null) : null;
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO contacts AS c (tenant, channel, address, name, language, timezone, tags, fields, source, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6, $10), COALESCE($7::text[], '{}'), COALESCE($8::jsonb, '{}'), 'message', $9, $9)
     ON CONFLICT (tenant, channel, address) DO UPDATE SET
       name = COALESCE($4, c.name),
       language = COALESCE($5, c.language),
       timezone = COALESCE($6, c.timezone, $10),
       tags = COALESCE($7::text[], c.tags),
       fields = c.fields || COALESCE($8::jsonb, '{}'),
       updated_at = $9
     RETURNING c.id`,
    [tenant, channel, address, name, language, timezone, tags, fields ? JSON.stringify(fields) : null, now, inferredZone],
  );
  return { id: rows[0]!.id, problems };
}

function text(path: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new ContactInputError(path, `expected text, got ${JSON.stringify(value) ?? String(value)}`);
}

function tagList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string')
    return value
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
  throw new ContactInputError('tags', `expected a list of tags or text like "vip, newsletter", got ${JSON.stringify(value)}`);
}
