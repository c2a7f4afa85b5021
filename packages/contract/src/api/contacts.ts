/**
 * Contacts, their consent ledger, custom fields, CSV imports, GDPR/LGPD export and erase, and
 * segments. `tenant` (query) defaults to the first configured tenant.
 */
import { Type, type Static } from 'typebox';
import {
  ConsentEvent,
  ConsentPurpose,
  ConsentState,
  ContactChannel,
  ContactRecord,
  CustomFieldDefinition,
  CustomFieldValue,
  Segment,
  SegmentFilter,
} from '../audience';

export const ContactIdParams = Type.Object({ id: Type.String({ description: 'Contact id (uuid)' }) });
export type ContactIdParams = Static<typeof ContactIdParams>;

export const ContactListQuery = Type.Object({
  tenant: Type.Optional(Type.String()),
  /** Free text: name, address, tag. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  /** A saved segment's id. */
  segment: Type.Optional(Type.String()),
  /** A SegmentFilter as JSON (ad-hoc filters). */
  filter: Type.Optional(Type.String({ maxLength: 20_000 })),
  /** Contacts per page, 1 to 500 (default 50); a string, as query strings are. */
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'Contacts per page, 1 to 500 (default 50)' })),
  /** Opaque cursor from the previous page. */
  cursor: Type.Optional(Type.String()),
});
export type ContactListQuery = Static<typeof ContactListQuery>;

export const ContactListResponse = Type.Object({
  contacts: Type.Array(ContactRecord),
  /** Contacts matching the query (all pages). */
  total: Type.Number(),
  nextCursor: Type.Optional(Type.String()),
});
export type ContactListResponse = Static<typeof ContactListResponse>;

/** Create (or update, by channel + address) a contact. */
export const ContactUpsertBody = Type.Object({
  channel: ContactChannel,
  address: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  language: Type.Optional(Type.String({ maxLength: 16 })),
  timezone: Type.Optional(Type.String({ maxLength: 64 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
  fields: Type.Optional(Type.Record(Type.String(), CustomFieldValue)),
});
export type ContactUpsertBody = Static<typeof ContactUpsertBody>;

export const ContactPatchBody = Type.Partial(Type.Omit(ContactUpsertBody, ['channel', 'address']));
export type ContactPatchBody = Static<typeof ContactPatchBody>;

export const ContactResponse = Type.Object({ contact: ContactRecord });
export type ContactResponse = Static<typeof ContactResponse>;

export const ConsentResponse = Type.Object({ contactId: Type.String(), state: ConsentState, events: Type.Array(ConsentEvent) });
export type ConsentResponse = Static<typeof ConsentResponse>;

/** Records an opt-in or opt-out from the API or an agent. */
export const ConsentRecordBody = Type.Object({
  purpose: ConsentPurpose,
  action: Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')]),
  /** The words the person agreed to (required for an opt-in). */
  wording: Type.Optional(Type.String({ maxLength: 2000 })),
  source: Type.Optional(Type.Union([Type.Literal('api'), Type.Literal('agent')])),
});
export type ConsentRecordBody = Static<typeof ConsentRecordBody>;

/** One entry of a contact's timeline: messages, flows, nodes, buttons, consent, campaigns. */
export const TimelineEntry = Type.Object({
  at: Type.Number(),
  kind: Type.String({
    description: 'flow_entered | node_reached | button_clicked | message_received | consent | campaign_sent | converted | …',
  }),
  summary: Type.String(),
  flow: Type.Optional(Type.String()),
  node: Type.Optional(Type.String()),
  campaign: Type.Optional(Type.String()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelineResponse = Type.Object({ entries: Type.Array(TimelineEntry) });
export type TimelineResponse = Static<typeof TimelineResponse>;

/** Query of GET /api/contacts/:id/timeline. */
export const TimelineQuery = Type.Object({
  tenant: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: 'Entries, 1 to 1000 (default 200)' })),
});
export type TimelineQuery = Static<typeof TimelineQuery>;

/** Everything Parley holds about a person (GDPR/LGPD access request). */
export const ContactExport = Type.Object(
  {
    exportedAt: Type.Number(),
    contact: ContactRecord,
    consent: Type.Array(ConsentEvent),
    activity: Type.Array(TimelineEntry),
    campaigns: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    /** The hot conversation state per channel conversation (session, desk transcript, message states, outbox). */
    conversations: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    /** Marketing messages sent to the person (what the frequency caps count). */
    marketingSends: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    /** Marketing messages not sent to the person, with the reason. */
    suppressedSends: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    /** Audit entries about the person (consent changes). */
    audit: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  },
  { additionalProperties: true },
);
export type ContactExport = Static<typeof ContactExport>;

/** What an erase removed: rows per table and Redis keys; the suppression entry kept. */
export const EraseReport = Type.Object({
  contactId: Type.String(),
  rows: Type.Record(Type.String(), Type.Number()),
  keys: Type.Number(),
  suppressed: Type.Boolean(),
});
export type EraseReport = Static<typeof EraseReport>;

export const FieldsResponse = Type.Object({ fields: Type.Array(CustomFieldDefinition) });
export type FieldsResponse = Static<typeof FieldsResponse>;

export const FieldsBody = Type.Object({ fields: Type.Array(CustomFieldDefinition, { maxItems: 200 }) });
export type FieldsBody = Static<typeof FieldsBody>;

/** Column → contact attribute: phone|address, name, language, timezone, tags, fields.<key>, consent.marketing, consent.utility, consent.wording, consent.at. */
export const ImportMapping = Type.Record(Type.String(), Type.String());
export type ImportMapping = Static<typeof ImportMapping>;

/** Query of POST /api/contacts/imports (the body is the CSV file, text/csv). */
export const ImportQuery = Type.Object({
  tenant: Type.Optional(Type.String()),
  channel: Type.Optional(ContactChannel),
  /** JSON of ImportMapping; default: columns named like the attributes. */
  map: Type.Optional(Type.String()),
  /** Country for numbers without a +country prefix (ISO 3166 alpha-2). */
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  /** Original file name, recorded as the consent source. */
  file: Type.Optional(Type.String({ maxLength: 255 })),
  /** Validate only: the report without writing (`?dryRun=true` in a URL). */
  dryRun: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')])),
  /** The words people agreed to, for rows with a marketing opt-in and no consent.wording cell. */
  wording: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportProblem = Type.Object({ row: Type.Number(), column: Type.Optional(Type.String()), problem: Type.String() });
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportReport = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  file: Type.Optional(Type.String()),
  /** Validated only: created/updated say what a real import would do; nothing but this report was written. */
  dryRun: Type.Optional(Type.Boolean()),
  rows: Type.Number(),
  created: Type.Number(),
  updated: Type.Number(),
  skipped: Type.Number(),
  consentRecorded: Type.Number(),
  /** The first problems (up to 1,000), by row and column; `problemCount` counts them all. */
  problems: Type.Array(ImportProblem),
  problemCount: Type.Number(),
  startedAt: Type.Number(),
  finishedAt: Type.Optional(Type.Number()),
  error: Type.Optional(Type.String()),
});
export type ImportReport = Static<typeof ImportReport>;

export const ImportIdParams = Type.Object({ importId: Type.String() });
export type ImportIdParams = Static<typeof ImportIdParams>;

export const SegmentIdParams = Type.Object({ id: Type.String() });
export type SegmentIdParams = Static<typeof SegmentIdParams>;

export const SegmentListResponse = Type.Object({
  segments: Type.Array(Type.Object({ ...Segment.properties, count: Type.Optional(Type.Number()) })),
});
export type SegmentListResponse = Static<typeof SegmentListResponse>;

export const SegmentBody = Type.Object({ name: Segment.properties.name, filter: SegmentFilter });
export type SegmentBody = Static<typeof SegmentBody>;

export const SegmentResponse = Type.Object({ segment: Segment });
export type SegmentResponse = Static<typeof SegmentResponse>;

/** A filter's live count and first contacts (the segment builder's preview). */
export const SegmentPreviewBody = Type.Object({
  filter: SegmentFilter,
  sample: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, default: 10 })),
});
export type SegmentPreviewBody = Static<typeof SegmentPreviewBody>;

export const SegmentPreviewResponse = Type.Object({
  count: Type.Number(),
  /** Of `count`: contacts with a current marketing opt-in (who a campaign could reach). */
  consented: Type.Number(),
  sample: Type.Array(ContactRecord),
  tookMs: Type.Number(),
});
export type SegmentPreviewResponse = Static<typeof SegmentPreviewResponse>;
