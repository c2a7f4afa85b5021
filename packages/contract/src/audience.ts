/**
 * Contacts, consent, segments and campaigns: the business records kept in PostgreSQL, as the
 * admin API, the CLI and the studio exchange them. Times are Unix milliseconds, like the rest of
 * the runtime.
 */
import { Type, type Static } from 'typebox';

export const ContactChannel = Type.Union([Type.Literal('whatsapp'), Type.Literal('messenger'), Type.Literal('instagram')]);
export type ContactChannel = Static<typeof ContactChannel>;

export const CustomFieldType = Type.Union([
  Type.Literal('text'),
  Type.Literal('number'),
  Type.Literal('date'),
  Type.Literal('boolean'),
  Type.Literal('choice'),
]);
export type CustomFieldType = Static<typeof CustomFieldType>;

/** A typed custom field declared per tenant (`fields.<key>` on every contact). */
export const CustomFieldDefinition = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Field key: lowercase letters, digits and _' }),
  label: Type.String({ minLength: 1, maxLength: 80 }),
  type: CustomFieldType,
  /** The allowed values of a `choice` field. */
  choices: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
});
export type CustomFieldDefinition = Static<typeof CustomFieldDefinition>;

/** A custom field's value: text and choice as strings, dates as YYYY-MM-DD. */
export const CustomFieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
export type CustomFieldValue = Static<typeof CustomFieldValue>;

export const ConsentPurpose = Type.Union([Type.Literal('marketing'), Type.Literal('utility')]);
export type ConsentPurpose = Static<typeof ConsentPurpose>;

export const ConsentStatus = Type.Union([Type.Literal('opted_in'), Type.Literal('opted_out'), Type.Literal('none')]);
export type ConsentStatus = Static<typeof ConsentStatus>;

/** Where a consent event came from. */
export const ConsentSource = Type.Union([
  Type.Literal('import'),
  Type.Literal('flow'),
  Type.Literal('keyword'),
  Type.Literal('button'),
  Type.Literal('meta'),
  Type.Literal('agent'),
  Type.Literal('api'),
]);
export type ConsentSource = Static<typeof ConsentSource>;

/** One opt-in or opt-out, as recorded: never changed, never deleted except by erasing the contact. */
export const ConsentEvent = Type.Object({
  id: Type.Number(),
  contactId: Type.String(),
  purpose: ConsentPurpose,
  action: Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')]),
  channel: ContactChannel,
  source: ConsentSource,
  /** The source's particulars: {file,row} for an import, {flow,node}, {keyword}, {template,button}, {agent}, {detail} for Meta. */
  sourceDetail: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  /** The words the person saw or used when consenting (the checkbox text, the keyword, the button). */
  wording: Type.Optional(Type.String()),
  /** Who or what recorded it: a user name, `runtime`, `import:<file>`. */
  recordedBy: Type.String(),
  at: Type.Number(),
});
export type ConsentEvent = Static<typeof ConsentEvent>;

/** The current state per purpose, derived from the ledger (the latest event wins). */
export const ConsentState = Type.Object({
  marketing: Type.Object({ status: ConsentStatus, at: Type.Optional(Type.Number()), eventId: Type.Optional(Type.Number()) }),
  utility: Type.Object({ status: ConsentStatus, at: Type.Optional(Type.Number()), eventId: Type.Optional(Type.Number()) }),
});
export type ConsentState = Static<typeof ConsentState>;

export const ContactRecord = Type.Object({
  id: Type.String({ description: 'Contact id (uuid)' }),
  tenant: Type.String(),
  channel: ContactChannel,
  /** WhatsApp: E.164 with "+"; Messenger / Instagram: the page- or account-scoped id. */
  address: Type.String(),
  name: Type.Optional(Type.String()),
  /** BCP 47 language (e.g. en, es, pt_BR as templates spell it). */
  language: Type.Optional(Type.String()),
  /** IANA time zone; inferred from the number's country when unknown. */
  timezone: Type.Optional(Type.String()),
  tags: Type.Array(Type.String()),
  fields: Type.Record(Type.String(), CustomFieldValue),
  consent: ConsentState,
  firstSeenAt: Type.Optional(Type.Number()),
  lastSeenAt: Type.Optional(Type.Number()),
  /** The last message from the person: the 24-hour window. */
  lastInboundAt: Type.Optional(Type.Number()),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
  source: Type.Union([Type.Literal('message'), Type.Literal('import'), Type.Literal('api')]),
});
export type ContactRecord = Static<typeof ContactRecord>;

/** Segment conditions on a contact's own fields. */
export const FieldCondition = Type.Object({
  field: Type.String({
    description:
      'name | language | timezone | channel | address | tags | firstSeenAt | lastSeenAt | lastInboundAt | createdAt | fields.<key>',
  }),
  op: Type.Union([
    Type.Literal('eq'),
    Type.Literal('neq'),
    Type.Literal('contains'),
    Type.Literal('starts_with'),
    Type.Literal('in'),
    Type.Literal('not_in'),
    Type.Literal('gt'),
    Type.Literal('gte'),
    Type.Literal('lt'),
    Type.Literal('lte'),
    Type.Literal('exists'),
    Type.Literal('not_exists'),
    Type.Literal('has_tag'),
    Type.Literal('lacks_tag'),
    /** Time fields: more than `value` days before now / within the last `value` days. */
    Type.Literal('older_than_days'),
    Type.Literal('within_days'),
  ]),
  value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.Union([Type.String(), Type.Number()]))])),
});
export type FieldCondition = Static<typeof FieldCondition>;

export const ConsentCondition = Type.Object({ consent: ConsentPurpose, is: ConsentStatus });
export type ConsentCondition = Static<typeof ConsentCondition>;

/** Conditions on what the contact did: entered a flow, reached a node, clicked a button (in a campaign), replied, converted. */
export const ActivityCondition = Type.Object({
  activity: Type.Union([
    Type.Literal('flow_entered'),
    Type.Literal('node_reached'),
    Type.Literal('button_clicked'),
    Type.Literal('message_received'),
    Type.Literal('campaign_sent'),
    Type.Literal('replied'),
    Type.Literal('converted'),
  ]),
  flow: Type.Optional(Type.String()),
  node: Type.Optional(Type.String()),
  /** A button's payload or title. */
  button: Type.Optional(Type.String()),
  campaign: Type.Optional(Type.String()),
  /** Only activity within the last N days. */
  withinDays: Type.Optional(Type.Number({ minimum: 1 })),
  /** True: contacts WITHOUT such activity. */
  negate: Type.Optional(Type.Boolean()),
});
export type ActivityCondition = Static<typeof ActivityCondition>;

export const SimpleCondition = Type.Union([FieldCondition, ConsentCondition, ActivityCondition]);
export type SimpleCondition = Static<typeof SimpleCondition>;

/** A saved filter: conditions joined by all/any, with one level of nested groups. */
export const SegmentFilter = Type.Object({
  match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
  conditions: Type.Array(
    Type.Union([
      SimpleCondition,
      Type.Object({
        group: Type.Object({ match: Type.Union([Type.Literal('all'), Type.Literal('any')]), conditions: Type.Array(SimpleCondition) }),
      }),
    ]),
  ),
});
export type SegmentFilter = Static<typeof SegmentFilter>;

export const Segment = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  filter: SegmentFilter,
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type Segment = Static<typeof Segment>;

export const CampaignStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('scheduled'),
  Type.Literal('running'),
  Type.Literal('paused'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
]);
export type CampaignStatus = Static<typeof CampaignStatus>;

/** One arm of an A/B/n campaign: a flow to start for the contact, or a template to send. */
export const CampaignVariant = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' }),
  weight: Type.Integer({ minimum: 0, maximum: 1000 }),
  flow: Type.Optional(Type.String()),
  template: Type.Optional(
    Type.Object({
      name: Type.String(),
      /** Default: the contact's language when the template has it, else the template's first language. */
      language: Type.Optional(Type.String()),
      /** Parameter name → value or `{{contact.name}}` / `{{contact.fields.<key>}}` expression. */
      values: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  ),
});
export type CampaignVariant = Static<typeof CampaignVariant>;

/** `at` / `time` are wall-clock times read in `timezone` ("contact": each contact's own). */
export const CampaignSchedule = Type.Union([
  Type.Object({ type: Type.Literal('now') }),
  Type.Object({ type: Type.Literal('at'), at: Type.String({ description: 'YYYY-MM-DDTHH:mm' }), timezone: Type.String() }),
  Type.Object({
    type: Type.Literal('recurring'),
    every: Type.Union([Type.Literal('day'), Type.Literal('week')]),
    time: Type.String({ description: 'HH:mm' }),
    /** 0 = Sunday … 6 = Saturday (weekly). */
    weekday: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    timezone: Type.String(),
    until: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  }),
]);
export type CampaignSchedule = Static<typeof CampaignSchedule>;

/** A conversion: a business event (POST /api/events/:name) or reaching a node, within `windowDays` of the send. */
export const CampaignGoal = Type.Object({
  event: Type.Optional(Type.String()),
  flow: Type.Optional(Type.String()),
  node: Type.Optional(Type.String()),
  windowDays: Type.Integer({ minimum: 1, maximum: 90, default: 7 }),
});
export type CampaignGoal = Static<typeof CampaignGoal>;

export const Campaign = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
  tenant: Type.String(),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  status: CampaignStatus,
  /** The segment whose filter is frozen as the audience at start. */
  segment: Type.Optional(Type.String()),
  /** The filter used (the segment's at launch, or an ad-hoc one). */
  filter: Type.Optional(SegmentFilter),
  schedule: CampaignSchedule,
  /** Share of the number's send rate the campaign may use (the rest is kept for replies). */
  rateShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  variants: Type.Array(CampaignVariant, { minItems: 1, maxItems: 10 }),
  goal: Type.Optional(CampaignGoal),
  endsAt: Type.Optional(Type.Number()),
  /** A recurring campaign's occurrence points at it. */
  parentId: Type.Optional(Type.String()),
  pausedReason: Type.Optional(Type.String()),
  audienceSize: Type.Optional(Type.Number()),
  createdBy: Type.String(),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
  startedAt: Type.Optional(Type.Number()),
  finishedAt: Type.Optional(Type.Number()),
});
export type Campaign = Static<typeof Campaign>;

/** Why a marketing send was not made (the send plane's and the audience freeze's reasons). */
export const SuppressionReason = Type.Union([
  Type.Literal('no_consent'),
  Type.Literal('opted_out'),
  Type.Literal('erased'),
  Type.Literal('frequency_cap'),
  Type.Literal('template_not_approved'),
  Type.Literal('no_address'),
  Type.Literal('campaign_ended'),
]);
export type SuppressionReason = Static<typeof SuppressionReason>;

export const RecipientStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('suppressed'),
  Type.Literal('queued'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('read'),
  Type.Literal('failed'),
]);
export type RecipientStatus = Static<typeof RecipientStatus>;

export const Funnel = Type.Object({
  audience: Type.Number(),
  suppressed: Type.Number(),
  suppressedBy: Type.Record(Type.String(), Type.Number()),
  pending: Type.Number(),
  queued: Type.Number(),
  sent: Type.Number(),
  delivered: Type.Number(),
  read: Type.Number(),
  replied: Type.Number(),
  optedOut: Type.Number(),
  converted: Type.Number(),
  failed: Type.Number(),
  /** By Graph error class (rate_limit, spam, engagement, window_closed, …). */
  failedBy: Type.Record(Type.String(), Type.Number()),
});
export type Funnel = Static<typeof Funnel>;

export const CampaignResults = Type.Object({
  campaign: Type.String(),
  status: CampaignStatus,
  totals: Funnel,
  variants: Type.Record(Type.String(), Funnel),
  /** Messages per second over the last minute (live progress). */
  rate: Type.Number(),
  /** Estimated ms until every pending recipient is started, at the campaign's rate. */
  remainingMs: Type.Optional(Type.Number()),
});
export type CampaignResults = Static<typeof CampaignResults>;
