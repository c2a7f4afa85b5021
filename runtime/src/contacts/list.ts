/** Pages of contacts, newest first: free-text search and a compiled segment filter, with a keyset cursor. */
import type { ContactListResponse } from '@parley/contract/api';
import type { Sql } from '../db/sql';
import { ContactInputError } from './fields';
import { CONTACT_COLUMNS, isContactId, toContact, type ContactRow } from './rows';

export interface ListContactsOptions {
  /** Free text: part of the name, the address (digits match however the number is written) or a whole tag. */
  q?: string;
  /**
   * A boolean SQL expression over `contacts c` — SEGMENTS' `compileFilter(filter, { tenant, now, firstParam: 2 })`:
   * `$1` is the tenant here, so the filter's placeholders start at `$2`.
   */
  where?: { sql: string; params: readonly unknown[] };
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export async function listContacts(sql: Sql, tenant: string, opts: ListContactsOptions = {}): Promise<ContactListResponse> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 500);
  const params: unknown[] = [tenant, ...(opts.where?.params ?? [])];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['c.tenant = $1'];
  if (opts.where) conditions.push(`(${opts.where.sql})`);
  const q = opts.q?.trim();
  if (q) {
    const pattern = add(`%${escapeLike(q.toLowerCase())}%`);
    const alternatives = [`lower(c.name) LIKE ${pattern}`, `lower(c.address) LIKE ${pattern}`, `${add(q)} = ANY(c.tags)`];
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+().-]+$/.test(q)) alternatives.push(`c.address LIKE ${add(`%${digits}%`)}`);
    conditions.push(`(${alternatives.join(' OR ')})`);
  }
  const filtered = conditions.join(' AND ');
  const countParams = [...params];
  const page = [...conditions];
  if (opts.cursor) {
    const [createdAt, id] = decodeCursor(opts.cursor);
    page.push(`(c.created_at, c.id) < (${add(createdAt)}::bigint, ${add(id)}::uuid)`);
  }
  const [list, count] = await Promise.all([
    sql.query<ContactRow>(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${page.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${add(limit + 1)}`,
      params,
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM contacts c WHERE ${filtered}`, countParams),
  ]);
  const rows = list.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    contacts: rows.map(toContact),
    total: count.rows[0]?.n ?? 0,
    ...(list.rows.length > limit && last ? { nextCursor: encodeCursor(last.created_at, last.id) } : {}),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(`${createdAt}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  const [createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!/^\d+$/.test(createdAt) || !isContactId(id)) throw new ContactInputError('cursor', 'the nextCursor of a previous page');
  return [Number(createdAt), id];
}
