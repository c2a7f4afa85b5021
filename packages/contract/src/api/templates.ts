/**
 * Templates: the list with Meta's status per language, one template's file, save, submit to Meta,
 * and the live status stream. `tenant` defaults to the first configured tenant.
 */
import { Type, type Static } from 'typebox';
import { TemplateCategory, TemplateLanguageState } from '../templates';

export const TemplateNameParams = Type.Object({ name: Type.String({ description: 'Template name (lowercase letters, digits and _)' }) });
export type TemplateNameParams = Static<typeof TemplateNameParams>;

export const TenantQuery = Type.Object({ tenant: Type.Optional(Type.String({ description: 'Tenant id; default the first tenant' })) });
export type TenantQuery = Static<typeof TenantQuery>;

/** A template validation problem: where (file, JSON pointer, language, component, field) and what. */
export const TemplateIssueSchema = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(),
  message: Type.String(),
  file: Type.String(),
  path: Type.String(),
  language: Type.Optional(Type.String()),
  component: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});
export type TemplateIssueSchema = Static<typeof TemplateIssueSchema>;

/** One language of one template: Meta's state, and whether the file changed since it was submitted. */
export const TemplateLanguageRow = Type.Object({
  ...TemplateLanguageState.properties,
  language: Type.String(),
  /** contentHash of the language's content in the file now. */
  fileHash: Type.String(),
  /** True when the file's content differs from what was submitted (or it was never submitted). */
  changed: Type.Boolean(),
});
export type TemplateLanguageRow = Static<typeof TemplateLanguageRow>;

export const TemplateSummary = Type.Object({
  name: Type.String(),
  category: TemplateCategory,
  description: Type.Optional(Type.String()),
  /** Parameter names with their type, for the template node's mapping. */
  parameters: Type.Record(Type.String(), Type.Object({ type: Type.String(), optional: Type.Boolean() })),
  languages: Type.Array(TemplateLanguageRow),
  /** Validation problems of the file (an invalid file still lists, with its errors). */
  issues: Type.Array(TemplateIssueSchema),
  /** Flows whose template nodes send this template. */
  usedBy: Type.Array(Type.String()),
});
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateListResponse = Type.Object({ tenant: Type.String(), templates: Type.Array(TemplateSummary) });
export type TemplateListResponse = Static<typeof TemplateListResponse>;

/** The template file (schemas/template.schema.json), checked by the template validator, not by the route. */
export const TemplateDocument = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  // Without it the response serializer would write {}: an object schema without properties keeps none.
  additionalProperties: true,
  description: 'A template file (schemas/template.schema.json)',
});
export type TemplateDocument = Static<typeof TemplateDocument>;

export const TemplateDetailResponse = Type.Object({
  tenant: Type.String(),
  template: TemplateDocument,
  summary: TemplateSummary,
});
export type TemplateDetailResponse = Static<typeof TemplateDetailResponse>;

export const SaveTemplateBody = Type.Object({ template: TemplateDocument });
export type SaveTemplateBody = Static<typeof SaveTemplateBody>;

/** Save answers with the new summary; an invalid template is refused with 422 and its issues. */
export const SaveTemplateResponse = Type.Object({ summary: TemplateSummary });
export type SaveTemplateResponse = Static<typeof SaveTemplateResponse>;

export const SubmitTemplateResponse = Type.Object({
  tenant: Type.String(),
  results: Type.Array(
    Type.Object({
      language: Type.String(),
      action: Type.Union([Type.Literal('created'), Type.Literal('edited'), Type.Literal('unchanged'), Type.Literal('failed')]),
      state: Type.Optional(TemplateLanguageState),
      error: Type.Optional(Type.String()),
    }),
  ),
});
export type SubmitTemplateResponse = Static<typeof SubmitTemplateResponse>;
