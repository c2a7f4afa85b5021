/**
 * Meta's three template webhooks on the WhatsApp Business Account, shaped like the examples in
 * Meta's webhook reference (`message_template_status_update`, `message_template_quality_update`,
 * `template_category_update`): the WABA id is `entry[].id`, `time` is Unix seconds, the template
 * id is a number, statuses/qualities/categories are upper case.
 */
import { DEFAULT_WABA_ID, type Json } from '../payloads';

export type MetaTemplateEvent =
  | 'APPROVED'
  | 'REJECTED'
  | 'PENDING'
  | 'PAUSED'
  | 'DISABLED'
  | 'REINSTATED'
  | 'FLAGGED'
  | 'IN_APPEAL'
  | 'PENDING_DELETION'
  | 'DELETED'
  | 'ARCHIVED'
  | 'LIMIT_EXCEEDED'
  | 'LOCKED'
  | 'UNLOCKED';
export type MetaQuality = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
export type MetaCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

export interface TemplateRef {
  /** Meta's template id (sent as a number, as Meta does, when it is all digits). */
  id: string;
  name: string;
  language: string;
}

export interface TemplateWebhookOptions {
  wabaId?: string;
  /** Unix seconds. Default now. */
  time?: number;
}

export interface StatusUpdateDetails {
  /** Meta's reason code (`NONE` unless rejected). */
  reason?: string | null;
  category?: MetaCategory;
  rejectionInfo?: { reason: string; recommendation: string };
  otherInfo?: { title: string; description: string };
}

const templateId = (id: string): number | string => (/^\d{1,15}$/.test(id) ? Number(id) : id);

function envelope(field: string, value: Json, o: TemplateWebhookOptions): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: o.wabaId ?? DEFAULT_WABA_ID, time: o.time ?? Math.floor(Date.now() / 1000), changes: [{ value, field }] }],
  };
}

const refFields = (t: TemplateRef): Json => ({
  message_template_id: templateId(t.id),
  message_template_name: t.name,
  message_template_language: t.language,
});

export function templateStatusWebhook(
  t: TemplateRef,
  event: MetaTemplateEvent,
  d: StatusUpdateDetails = {},
  o: TemplateWebhookOptions = {},
): Json {
  return envelope(
    'message_template_status_update',
    {
      event,
      ...refFields(t),
      reason: d.reason === undefined ? 'NONE' : d.reason,
      ...(d.category ? { message_template_category: d.category } : {}),
      ...(event === 'DISABLED' ? { disable_info: { disable_date: o.time ?? Math.floor(Date.now() / 1000) } } : {}),
      ...(d.otherInfo ? { other_info: d.otherInfo } : {}),
      ...(d.rejectionInfo ? { rejection_info: d.rejectionInfo } : {}),
    },
    o,
  );
}

export function templateQualityWebhook(t: TemplateRef, previous: MetaQuality, next: MetaQuality, o: TemplateWebhookOptions = {}): Json {
  return envelope('message_template_quality_update', { previous_quality_score: previous, new_quality_score: next, ...refFields(t) }, o);
}

export function templateCategoryWebhook(
  t: TemplateRef,
  change: { previous: MetaCategory; next: MetaCategory } | { current: MetaCategory; correct: MetaCategory; at: number },
  o: TemplateWebhookOptions = {},
): Json {
  const value =
    'previous' in change
      ? { ...refFields(t), previous_category: change.previous, new_category: change.next }
      : { ...refFields(t), correct_category: change.correct, new_category: change.current, category_update_timestamp: change.at };
  return envelope('template_category_update', value, o);
}
