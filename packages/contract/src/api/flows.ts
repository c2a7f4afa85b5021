/** Flows: list, read, save (optimistic concurrency), create, publish, versions, rollback, transcript tests. */
import { Type, type Static } from 'typebox';
import { TemplateStatus } from '../templates';
import { ValidationIssue } from '../validation-issue';
import { FlowDocument, LayoutDocument } from './common';

export const FlowIdParams = Type.Object({ id: Type.String({ description: 'Flow id (letters, digits, - and _; starts with a letter)' }) });
export type FlowIdParams = Static<typeof FlowIdParams>;

export const FlowVersionParams = Type.Object({ id: Type.String(), v: Type.String({ description: 'A version number (positive integer)' }) });
export type FlowVersionParams = Static<typeof FlowVersionParams>;

/** One row of the flow list (the registry's entry). */
export const FlowSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  revision: Type.Number({ description: 'Revision of the draft file' }),
  publishedVersion: Type.Union([Type.Number(), Type.Null()], { description: 'The version new conversations start on; null when not live' }),
  hasUnpublishedChanges: Type.Boolean(),
  calledBy: Type.Array(Type.String(), { description: 'Flows whose subflow nodes call this one' }),
  issues: Type.Array(ValidationIssue),
});
export type FlowSummary = Static<typeof FlowSummary>;
export const FlowList = Type.Array(FlowSummary);
export type FlowList = Static<typeof FlowList>;

/** The draft files as they are on disk (a file that does not parse is null), with their concurrency token. */
export const FlowDraft = Type.Object({
  flow: Type.Unknown({ description: 'The flow file (null when it is not JSON)' }),
  layout: Type.Unknown({ description: 'The layout file, or null' }),
  revision: Type.String({ description: 'Opaque token over both files: send it back as baseRevision' }),
});
export type FlowDraft = Static<typeof FlowDraft>;

export const SaveFlowBody = Type.Object({
  flow: FlowDocument,
  layout: Type.Optional(Type.Union([LayoutDocument, Type.Null()])),
  baseRevision: Type.Union([Type.String(), Type.Number()], { description: 'The revision from GET /api/flows/:id' }),
});
export type SaveFlowBody = Static<typeof SaveFlowBody>;

export const SaveFlowResult = Type.Object({ revision: Type.String(), issues: Type.Array(ValidationIssue) });
export type SaveFlowResult = Static<typeof SaveFlowResult>;

/** 409 on a save: the files as they are now, so the editor can show the difference. */
export const SaveConflict = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String() }),
    current: Type.Object({ flow: Type.Unknown(), layout: Type.Unknown(), revision: Type.String() }),
  },
  { additionalProperties: true },
);
export type SaveConflict = Static<typeof SaveConflict>;

export const CreateFlowBody = Type.Object({
  flow: Type.Intersect([FlowDocument, Type.Object({ id: Type.String() }, { additionalProperties: true })]),
  layout: Type.Optional(Type.Union([LayoutDocument, Type.Null()])),
});
export type CreateFlowBody = Static<typeof CreateFlowBody>;

export const CreateFlowResult = Type.Object({
  id: Type.String(),
  revision: Type.Optional(Type.String()),
  issues: Type.Array(ValidationIssue),
});
export type CreateFlowResult = Static<typeof CreateFlowResult>;

export const PublishBody = Type.Union([
  Type.Object({
    summary: Type.Optional(Type.Unknown({ description: 'What changed (a string, cut at 500 characters)' })),
    force: Type.Optional(
      Type.Boolean({ description: 'Publish although a template the flow can send is not approved (an emergency); needs a reason' }),
    ),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Why it is forced: recorded in the version history with the templates' }),
    ),
  }),
  Type.Null(),
]);
export type PublishBody = Static<typeof PublishBody>;

/** A template (language) a flow can send that is not approved by Meta for a tenant. */
export const UnapprovedTemplate = Type.Object({
  name: Type.String(),
  language: Type.String(),
  status: TemplateStatus,
  tenant: Type.Optional(Type.String({ description: 'The tenant whose WhatsApp Business Account has this status' })),
});
export type UnapprovedTemplate = Static<typeof UnapprovedTemplate>;

/** 409 of POST /api/flows/:id/publish while a template is not approved (send `force: true` and a `reason` to publish anyway). */
export const TemplatesNotApproved = Type.Object({
  error: Type.Object({
    code: Type.Literal('templates_not_approved'),
    message: Type.String(),
    details: Type.Array(UnapprovedTemplate),
  }),
});
export type TemplatesNotApproved = Static<typeof TemplatesNotApproved>;

/** Recorded on a version published with `force`: why, and what was not approved then. */
export const ForcedPublish = Type.Object({
  reason: Type.String(),
  templates: Type.Array(
    Type.Object({
      name: Type.String(),
      language: Type.String(),
      status: Type.String({ description: 'The template status then (a TemplateStatus)' }),
      tenant: Type.Optional(Type.String()),
    }),
  ),
});
export type ForcedPublish = Static<typeof ForcedPublish>;

/** Template name → language → content hash: the template versions a flow version sends (sessions render these). */
export const TemplatePinsDocument = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()));
export type TemplatePinsDocument = Static<typeof TemplatePinsDocument>;
export const VersionResult = Type.Object({ version: Type.Number() });
export type VersionResult = Static<typeof VersionResult>;

/** One entry of a flow's history, newest first. */
export const VersionInfo = Type.Object(
  {
    flowId: Type.String(),
    version: Type.Number(),
    publishedAt: Type.Number({ description: 'Unix ms' }),
    publishedBy: Type.String(),
    summary: Type.String(),
    revision: Type.Number(),
    hash: Type.String(),
    unpublished: Type.Boolean({ description: 'A record that the flow was unpublished, not a flow' }),
    live: Type.Boolean({ description: 'The version new conversations start on' }),
    forced: Type.Optional(ForcedPublish),
    templatePins: Type.Optional(TemplatePinsDocument),
  },
  { additionalProperties: true },
);
export type VersionInfo = Static<typeof VersionInfo>;
export const VersionList = Type.Array(VersionInfo);
export type VersionList = Static<typeof VersionList>;

/** One published version, whole. */
export const VersionRecord = Type.Object(
  {
    flowId: Type.String(),
    version: Type.Number(),
    publishedAt: Type.Number(),
    publishedBy: Type.String(),
    summary: Type.String(),
    revision: Type.Number(),
    hash: Type.String(),
    flow: Type.Unknown(),
    layout: Type.Unknown({ description: 'The layout published with it, or null' }),
    forced: Type.Optional(ForcedPublish),
    templatePins: Type.Optional(TemplatePinsDocument),
  },
  { additionalProperties: true },
);
export type VersionRecord = Static<typeof VersionRecord>;

export const RollbackBody = Type.Union([
  Type.Object({ version: Type.Optional(Type.Unknown({ description: 'A positive integer from GET /api/flows/:id/versions' })) }),
  Type.Null(),
]);
export type RollbackBody = Static<typeof RollbackBody>;

/** `<id>.test.json`: the flow's transcript tests (schemas/flow-test.schema.json). */
export const TestsDocument = Type.Object({ flow: Type.String(), tests: Type.Array(Type.Unknown()) }, { additionalProperties: true });
export type TestsDocument = Static<typeof TestsDocument>;

/** A transcript test (schemas/flow-test.schema.json): checked here for its name and turns, by `parley test` for the rest. */
export const AddTestBody = Type.Object({
  test: Type.Object({ name: Type.String(), turns: Type.Array(Type.Unknown()) }, { additionalProperties: true }),
});
export type AddTestBody = Static<typeof AddTestBody>;
export const AddTestResult = Type.Object({ count: Type.Number({ description: 'Tests the flow has now' }) });
export type AddTestResult = Static<typeof AddTestResult>;

export const DuplicateBody = Type.Union([
  Type.Object({
    id: Type.Optional(Type.Unknown({ description: 'The new flow id' })),
    name: Type.Optional(Type.Unknown({ description: 'Display name (default: "<name> (copy)")' })),
  }),
  Type.Null(),
]);
export type DuplicateBody = Static<typeof DuplicateBody>;
export const DuplicateResult = Type.Object({ id: Type.String(), revision: Type.Optional(Type.String()) });
export type DuplicateResult = Static<typeof DuplicateResult>;

export const RenameBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'The display name (trimmed; not blank)' }),
});
export type RenameBody = Static<typeof RenameBody>;
export const RenameResult = Type.Object({ id: Type.String(), name: Type.String(), revision: Type.Optional(Type.String()) });
export type RenameResult = Static<typeof RenameResult>;

export const UnpublishResult = Type.Object({
  id: Type.String(),
  publishedVersion: Type.Null(),
  previousVersion: Type.Union([Type.Number(), Type.Null()]),
});
export type UnpublishResult = Static<typeof UnpublishResult>;

export const DeleteResult = Type.Object({ deleted: Type.Literal(true) });
export type DeleteResult = Static<typeof DeleteResult>;
