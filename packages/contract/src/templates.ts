/**
 * WhatsApp message templates as the rest of Parley sees them: the status Meta gives each
 * (template, language), what flow validation needs to know about a template, and the gate the
 * engine asks before a template node sends. The template file format itself lives in
 * @parley/templates; these are the shapes that cross package and HTTP boundaries.
 */
import { Type, type Static } from 'typebox';
import type { TemplateMessage } from './messages';

export const TEMPLATE_CATEGORIES = ['marketing', 'utility', 'authentication'] as const;
export const TemplateCategory = Type.Enum([...TEMPLATE_CATEGORIES]);
export type TemplateCategory = Static<typeof TemplateCategory>;

/** Meta's template statuses, lower-cased; `not_submitted` is Parley's: in git, never pushed. */
export const TEMPLATE_STATUSES = [
  'not_submitted',
  'pending',
  'approved',
  'rejected',
  'paused',
  'disabled',
  'in_appeal',
  'pending_deletion',
  'deleted',
  'limit_exceeded',
  'archived',
] as const;
export const TemplateStatus = Type.Enum([...TEMPLATE_STATUSES]);
export type TemplateStatus = Static<typeof TemplateStatus>;

/** Meta's quality rating (GREEN/YELLOW/RED/UNKNOWN), lower-cased. */
export const TEMPLATE_QUALITIES = ['green', 'yellow', 'red', 'unknown'] as const;
export const TemplateQuality = Type.Enum([...TEMPLATE_QUALITIES]);
export type TemplateQuality = Static<typeof TemplateQuality>;

export const TEMPLATE_PARAMETER_TYPES = ['text', 'number', 'currency', 'date_time', 'image', 'video', 'document', 'location'] as const;
export const TemplateParameterType = Type.Enum([...TEMPLATE_PARAMETER_TYPES]);
export type TemplateParameterType = Static<typeof TemplateParameterType>;

/** What Meta says about one language of one template (the lock file and the status store hold this). */
export const TemplateLanguageState = Type.Object({
  status: TemplateStatus,
  quality: Type.Optional(TemplateQuality),
  category: Type.Optional(TemplateCategory),
  /** Meta's template id. */
  id: Type.Optional(Type.String()),
  /** contentHash of the content that was submitted (compare with the file's to see a pending edit). */
  hash: Type.Optional(Type.String()),
  /** Meta's reason for a rejection, pause or disable. */
  reason: Type.Optional(Type.String()),
  /** Epoch ms of the last change Parley saw. */
  updatedAt: Type.Optional(Type.Number()),
});
export type TemplateLanguageState = Static<typeof TemplateLanguageState>;

/** A status, quality or category change, from Meta's `message_templates` webhooks or a reconcile pull. */
export const TemplateStatusEvent = Type.Object({
  kind: Type.Union([Type.Literal('status'), Type.Literal('quality'), Type.Literal('category')]),
  /** The WhatsApp Business Account id (the entry id of the webhook). */
  wabaId: Type.String(),
  templateId: Type.String(),
  name: Type.String(),
  language: Type.String(),
  status: Type.Optional(TemplateStatus),
  quality: Type.Optional(TemplateQuality),
  previousQuality: Type.Optional(TemplateQuality),
  category: Type.Optional(TemplateCategory),
  previousCategory: Type.Optional(TemplateCategory),
  reason: Type.Optional(Type.String()),
  /** Epoch ms (entry time × 1000, or when it was pulled). */
  at: Type.Number(),
});
export type TemplateStatusEvent = Static<typeof TemplateStatusEvent>;

/** What flow validation needs about one template (built by @parley/templates from the file and the lock). */
export interface TemplateInfo {
  name: string;
  category: TemplateCategory;
  /** Every language the template file has. */
  languages: string[];
  /** Languages Meta approved (status `approved`); without a lock, empty. */
  approvedLanguages: string[];
  /** Named parameters, with whether a send may leave them out (they have a fallback). */
  parameters: Record<string, { type: TemplateParameterType; optional: boolean }>;
  /** Quick-reply buttons (in the first language): their payloads come back as button taps. */
  quickReplies: Array<{ text: string; payload: string }>;
}

/** Why the gate refused a template send. */
export type TemplateRefusal =
  'unknown_template' | 'unknown_language' | 'not_approved' | 'paused' | 'disabled' | 'missing_parameter' | 'invalid_parameter';

export type TemplatePrepared = { ok: true; message: TemplateMessage } | { ok: false; reason: TemplateRefusal; detail: string };

export interface TemplateSendRequest {
  name: string;
  language: string;
  /** Named parameter values from the node's `values` (raw: numbers and objects keep their type). */
  values: Record<string, unknown>;
  /** A legacy node's positional strings, passed through unchanged when the template allows the send. */
  positional?: { header?: string[]; body?: string[]; buttons?: string[] };
}

/**
 * Asked by the engine when a template node is reached: renders the named values into the message
 * Meta expects (typed, formatted for the language, fallbacks applied) or says why it must not be
 * sent. Synchronous and pure for the engine; the runtime backs it with the pinned template content
 * and the live status, the transcript runner with the files, the lock and the test's overrides.
 */
export interface TemplateGate {
  prepare(request: TemplateSendRequest): TemplatePrepared;
}
