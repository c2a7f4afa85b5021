/**
 * For the studio's unit tests: the runtime's contacts, consent, imports, privacy and segments API
 * (contract @parley/contract/api contacts.ts) over a fetch function, with the records in memory.
 * Filters are evaluated for real over the contacts (so counts follow the data) and refused like the
 * segment compiler refuses them: 400 with the condition's path. Imports validate each row and report
 * progress over two polls.
 */
import type {
  ConsentEvent,
  ContactRecord,
  CustomFieldDefinition,
  FieldCondition,
  Segment,
  SegmentFilter,
  SimpleCondition,
} from '@parley/contract';
import type { ImportReport, TimelineEntry } from '@parley/contract/api';

interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeContactsRuntime {
  fetch: typeof fetch;
  calls: Call[];
  contacts: ContactRecord[];
  segments: Map<string, Segment>;
  fields: CustomFieldDefinition[];
  events: ConsentEvent[];
  /** Per contact id: activity the filter's activity conditions look at, and the timeline. */
  activity: Map<string, { activity: string; flow?: string; node?: string; button?: string; campaign?: string; at: number }[]>;
  imports: Map<string, { report: ImportReport; polls: number; final: ImportReport }>;
  now: number;
}

const DAY = 86_400_000;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { error: { code, message, ...extra } });

export function contact(over: Partial<ContactRecord> & Pick<ContactRecord, 'id' | 'address'>): ContactRecord {
  return {
    tenant: 'demo',
    channel: 'whatsapp',
    tags: [],
    fields: {},
    consent: { marketing: { status: 'none' }, utility: { status: 'none' } },
    createdAt: 1,
    updatedAt: 1,
    source: 'message',
    ...over,
  };
}

/** The value a field condition reads from a contact. */
function read(c: ContactRecord, field: string): unknown {
  if (field.startsWith('fields.')) return c.fields[field.slice(7)];
  return (c as unknown as Record<string, unknown>)[field];
}

class FilterError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function check(c: SimpleCondition, path: string, defs: CustomFieldDefinition[]): void {
  if (!('field' in c)) return;
  if (c.field.startsWith('fields.')) {
    const def = defs.find((d) => `fields.${d.key}` === c.field);
    if (!def) throw new FilterError(`${path}.field`, `${path}.field: there is no custom field “${c.field.slice(7)}”.`);
    if (def.type === 'number' && ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(c.op) && !Number.isFinite(Number(c.value)))
      throw new FilterError(`${path}.value`, `${path}.value: expected a number for ${def.label}.`);
  }
  if ((c.op === 'older_than_days' || c.op === 'within_days') && !(Number(c.value) >= 1))
    throw new FilterError(`${path}.value`, `${path}.value: expected a number of days, 1 or more.`);
}

function matchField(c: ContactRecord, f: FieldCondition, now: number): boolean {
  const v = read(c, f.field);
  switch (f.op) {
    case 'has_tag':
      return c.tags.includes(String(f.value));
    case 'lacks_tag':
      return !c.tags.includes(String(f.value));
    case 'exists':
      return v !== undefined && v !== '';
    case 'not_exists':
      return v === undefined || v === '';
    case 'older_than_days':
      return typeof v === 'number' && v < now - Number(f.value) * DAY;
    case 'within_days':
      return typeof v === 'number' && v >= now - Number(f.value) * DAY;
    case 'eq':
      return v !== undefined && String(v) === String(f.value);
    case 'neq':
      return v === undefined || String(v) !== String(f.value);
    case 'contains':
      return typeof v === 'string' && v.toLowerCase().includes(String(f.value).toLowerCase());
    case 'starts_with':
      return typeof v === 'string' && v.toLowerCase().startsWith(String(f.value).toLowerCase());
    case 'gt':
      return Number(v) > Number(f.value);
    case 'gte':
      return Number(v) >= Number(f.value);
    case 'lt':
      return Number(v) < Number(f.value);
    case 'lte':
      return Number(v) <= Number(f.value);
    default:
      return false;
  }
}

export function fakeContactsRuntime(initial: ContactRecord[], fields: CustomFieldDefinition[] = []): FakeContactsRuntime {
  const calls: Call[] = [];
  let importSeq = 0;
  let eventSeq = 0;
  const fake: FakeContactsRuntime = {
    calls,
    contacts: initial.map((c) => structuredClone(c)),
    segments: new Map(),
    fields,
    events: [],
    activity: new Map(),
    imports: new Map(),
    now: Date.UTC(2025, 5, 1),
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://studio.test');
      const path = url.pathname.replace(/^\/api/, '');
      const method = init?.method ?? 'GET';
      const query = Object.fromEntries(url.searchParams);
      const isCsv = (init?.headers as Record<string, string> | undefined)?.['content-type'] === 'text/csv';
      const raw = init?.body instanceof Blob ? await init.body.text() : init?.body ? String(init.body) : undefined;
      const body: unknown = raw === undefined ? undefined : isCsv ? raw : JSON.parse(raw);
      calls.push({ method, path, query, body });
      return route(fake, method, path, query, body, { nextImport: () => `imp-${++importSeq}`, nextEvent: () => ++eventSeq });
    },
  };
  return fake;
}

function matches(fake: FakeContactsRuntime, c: ContactRecord, filter: SegmentFilter): boolean {
  const one = (s: SimpleCondition): boolean => {
    if ('consent' in s) return c.consent[s.consent].status === s.is;
    if ('activity' in s) {
      const since = s.withinDays ? fake.now - s.withinDays * DAY : -Infinity;
      const hit = (fake.activity.get(c.id) ?? []).some(
        (a) =>
          a.activity === s.activity &&
          a.at >= since &&
          (['flow', 'node', 'button', 'campaign'] as const).every((k) => s[k] === undefined || a[k] === s[k]),
      );
      return s.negate ? !hit : hit;
    }
    return matchField(c, s, fake.now);
  };
  const combine = (match: 'all' | 'any', results: boolean[]) => (match === 'all' ? results.every(Boolean) : results.some(Boolean));
  return combine(
    filter.match,
    filter.conditions.map((x) => ('group' in x ? combine(x.group.match, x.group.conditions.map(one)) : one(x))),
  );
}

function validate(filter: SegmentFilter, defs: CustomFieldDefinition[]): void {
  filter.conditions.forEach((x, i) => {
    if ('group' in x) x.group.conditions.forEach((s, j) => check(s, `conditions[${i}].group.conditions[${j}]`, defs));
    else check(x, `conditions[${i}]`, defs);
  });
}

function route(
  fake: FakeContactsRuntime,
  method: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
  ids: { nextImport: () => string; nextEvent: () => number },
): Response {
  const filterOr400 = (filter: SegmentFilter): Response | null => {
    try {
      validate(filter, fake.fields);
      return null;
    } catch (e) {
      if (e instanceof FilterError) return refuse(400, 'invalid_filter', e.message, { details: { path: e.path } });
      throw e;
    }
  };
  if (path === '/contacts' && method === 'GET') {
    let rows = fake.contacts;
    const filter = query.segment
      ? fake.segments.get(query.segment)?.filter
      : query.filter
        ? (JSON.parse(query.filter) as SegmentFilter)
        : undefined;
    if (query.segment && !filter) return refuse(404, 'not_found', `No segment ${query.segment}.`);
    if (filter) {
      const bad = filterOr400(filter);
      if (bad) return bad;
      rows = rows.filter((c) => matches(fake, c, filter));
    }
    const q = query.q?.toLowerCase();
    if (q) rows = rows.filter((c) => (c.name ?? '').toLowerCase().includes(q) || c.address.includes(q) || c.tags.includes(q));
    const limit = Number(query.limit ?? 50);
    const offset = Number(query.cursor ?? 0);
    const page = rows.slice(offset, offset + limit);
    return json(200, {
      contacts: page,
      total: rows.length,
      ...(offset + limit < rows.length ? { nextCursor: String(offset + limit) } : {}),
    });
  }
  if (path === '/contact-fields' && method === 'GET') return json(200, { fields: fake.fields });
  if (path === '/segments' && method === 'GET')
    return json(200, {
      segments: [...fake.segments.values()].map((s) => ({ ...s, count: fake.contacts.filter((c) => matches(fake, c, s.filter)).length })),
    });
  if (path === '/segments/preview' && method === 'POST') {
    const { filter, sample = 10 } = body as { filter: SegmentFilter; sample?: number };
    const bad = filterOr400(filter);
    if (bad) return bad;
    const hit = fake.contacts.filter((c) => matches(fake, c, filter));
    return json(200, {
      count: hit.length,
      consented: hit.filter((c) => c.consent.marketing.status === 'opted_in').length,
      sample: hit.slice(0, sample),
      tookMs: 12,
    });
  }
  const seg = /^\/segments\/([^/]+)$/.exec(path);
  if (seg && method === 'PUT') {
    const { name, filter } = body as { name: string; filter: SegmentFilter };
    const bad = filterOr400(filter);
    if (bad) return bad;
    const before = fake.segments.get(seg[1]!);
    const segment: Segment = { id: seg[1]!, name, filter, createdAt: before?.createdAt ?? fake.now, updatedAt: fake.now };
    fake.segments.set(segment.id, segment);
    return json(200, { segment });
  }
  if (seg && method === 'DELETE')
    return fake.segments.delete(seg[1]!) ? json(200, { deleted: true }) : refuse(404, 'not_found', 'No such segment.');
  if (path === '/contacts/imports' && method === 'POST') return startImport(fake, query, String(body), ids.nextImport());
  const imp = /^\/contacts\/imports\/([^/]+)$/.exec(path);
  if (imp && method === 'GET') {
    const run = fake.imports.get(imp[1]!);
    if (!run) return refuse(404, 'not_found', 'No such import.');
    run.polls++;
    return json(200, run.polls >= 2 ? run.final : { ...run.report, rows: Math.ceil(run.final.rows / 2) });
  }
  const one = /^\/contacts\/([^/]+)(\/timeline|\/consent|\/export)?$/.exec(path);
  const c = one ? fake.contacts.find((x) => x.id === one[1]) : undefined;
  if (one && !c) return refuse(404, 'not_found', `No contact ${one[1]}.`);
  if (one && c) {
    const events = fake.events.filter((e) => e.contactId === c.id);
    if (!one[2] && method === 'GET') return json(200, { contact: c });
    if (!one[2] && method === 'PATCH') {
      const patch = body as Partial<ContactRecord>;
      for (const [k, v] of Object.entries(patch.fields ?? {})) {
        const def = fake.fields.find((d) => d.key === k);
        if (def?.type === 'choice' && !def.choices?.includes(String(v)))
          return refuse(400, 'invalid_field', `fields.${k}: “${v}” is not one of ${def.choices?.join(', ')}.`);
      }
      Object.assign(c, patch, { updatedAt: c.updatedAt + 1 });
      return json(200, { contact: c });
    }
    if (!one[2] && method === 'DELETE') {
      fake.contacts = fake.contacts.filter((x) => x !== c);
      return json(200, { contactId: c.id, rows: { contacts: 1, consent_events: events.length }, keys: 3, suppressed: true });
    }
    if (one[2] === '/timeline') {
      const entries: TimelineEntry[] = [
        ...(fake.activity.get(c.id) ?? []).map((a) => ({
          at: a.at,
          kind: a.activity,
          summary: `${a.activity} ${a.flow ?? a.button ?? ''}`.trim(),
        })),
        ...events.map((e) => ({ at: e.at, kind: 'consent', summary: `${e.action} ${e.purpose} (${e.source})` })),
      ].sort((a, b) => b.at - a.at);
      return json(200, { entries });
    }
    if (one[2] === '/consent' && method === 'GET') return json(200, { contactId: c.id, state: c.consent, events });
    if (one[2] === '/consent' && method === 'POST') {
      const b = body as { purpose: 'marketing' | 'utility'; action: 'opt_in' | 'opt_out'; wording?: string; source?: 'api' | 'agent' };
      if (b.action === 'opt_in' && !b.wording) return refuse(400, 'wording_required', 'An opt-in needs the wording.');
      const event: ConsentEvent = {
        id: ids.nextEvent(),
        contactId: c.id,
        purpose: b.purpose,
        action: b.action,
        channel: c.channel,
        source: b.source ?? 'api',
        sourceDetail: { agent: 'studio-user' },
        ...(b.wording ? { wording: b.wording } : {}),
        recordedBy: 'studio-user',
        at: fake.now + fake.events.length,
      };
      fake.events.push(event);
      c.consent[b.purpose] = { status: b.action === 'opt_in' ? 'opted_in' : 'opted_out', at: event.at, eventId: event.id };
      return json(200, { contactId: c.id, state: c.consent, events: [...events, event] });
    }
    if (one[2] === '/export')
      return json(200, { exportedAt: fake.now, contact: c, consent: events, activity: [], campaigns: [], conversations: [] });
  }
  return refuse(404, 'not_found', `The fake does not answer ${method} ${path}.`);
}

/** Validates like the runtime: a phone per row (+ and 8–15 digits, or local with `country`), consent wording for a marketing opt-in. */
function startImport(fake: FakeContactsRuntime, query: Record<string, string>, csv: string, id: string): Response {
  const map = JSON.parse(query.map ?? '{}') as Record<string, string>;
  const [header = '', ...lines] = csv.split(/\r?\n/).filter((l) => l.trim());
  const columns = header.split(',');
  const problems: ImportReport['problems'] = [];
  let created = 0;
  let consentRecorded = 0;
  lines.forEach((line, i) => {
    const row = i + 2;
    const cells = Object.fromEntries(line.split(',').map((v, j) => [map[columns[j]!] ?? '', v.trim()]));
    let phone = (cells.phone ?? '').replace(/[\s-]/g, '');
    if (!phone.startsWith('+') && query.country === 'PT') phone = `+351${phone}`;
    if (!/^\+\d{8,15}$/.test(phone)) {
      problems.push({ row, column: columns.find((c) => map[c] === 'phone'), problem: `“${cells.phone}” is not a phone number` });
      return;
    }
    const consent = cells['consent.marketing'];
    if (consent === 'yes' && !cells['consent.wording'] && !query.wording) {
      problems.push({ row, column: columns.find((c) => map[c] === 'consent.marketing'), problem: 'a marketing opt-in needs the wording' });
      return;
    }
    if (query.dryRun) return;
    created++;
    if (consent === 'yes') consentRecorded++;
    fake.contacts.push(
      contact({
        id: `imported-${fake.contacts.length + 1}`,
        address: phone,
        ...(cells.name ? { name: cells.name } : {}),
        tags: cells.tags ? cells.tags.split(';') : [],
        source: 'import',
        consent: { marketing: { status: consent === 'yes' ? 'opted_in' : 'none' }, utility: { status: 'none' } },
      }),
    );
  });
  const base: ImportReport = {
    id,
    status: 'running',
    ...(query.file ? { file: query.file } : {}),
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    consentRecorded: 0,
    problems: [],
    problemCount: 0,
    startedAt: fake.now,
  };
  const final: ImportReport = {
    ...base,
    status: 'done',
    rows: lines.length,
    created,
    skipped: problems.length,
    consentRecorded,
    problems,
    problemCount: problems.length,
    finishedAt: fake.now + 1,
  };
  fake.imports.set(id, { report: base, polls: 0, final });
  return json(202, base);
}
