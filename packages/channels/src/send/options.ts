/** Options shared by the send-request builders. */
import type { OutboundMessage, TemplateMessage as ContractTemplateMessage, TemplateParam } from '@parley/contract';

/**
 * One template parameter the WhatsApp builder accepts: the contract's TemplateParam (plain string,
 * named text, header media or location, button payload / URL suffix / coupon code) plus Meta's
 * localized currency and date_time parameters.
 */
export type TemplateParameter =
  | TemplateParam
  | { type: 'currency'; fallback: string; code: string; amount1000: number; name?: string }
  | { type: 'date_time'; fallback: string; name?: string };

/**
 * The engine's template message, with typed parameters allowed where it has plain strings.
 * Buttons: a string or a param without `index` fills the button at its own position in
 * `params.buttons`; a param with `index` fills the template's button at that index (so a template
 * whose first button takes no parameter can still be filled: `[{ type: 'url', text, index: 1 }]`).
 */
export interface TemplateMessage extends Omit<ContractTemplateMessage, 'params'> {
  params: { header?: TemplateParameter[]; body?: TemplateParameter[]; buttons?: TemplateParameter[] };
}

export type SendableMessage = Exclude<OutboundMessage, { kind: 'template' }> | TemplateMessage;

export interface SendOptions {
  /** Sending identity: WhatsApp phone_number_id, Messenger page id, Instagram account id. Messenger defaults to `me`. */
  senderId?: string;
  /** Quote this inbound message (WhatsApp `context.message_id`; Messenger has no equivalent and ignores it). */
  replyToMessageId?: string;
  /** WhatsApp: echoed back on status webhooks (≤512 chars). */
  bizOpaqueCallbackData?: string;
  /** WhatsApp text: render a preview of the first URL. */
  previewUrl?: boolean;
  /** Interactive header/footer text (cut to 60). */
  header?: string;
  footer?: string;
  /** Messenger/Instagram `messaging_type`; `MESSAGE_TAG` needs `tag`. Default `RESPONSE`. */
  messagingType?: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';
  tag?: string;
  /** Labels the builders need when the message itself has none (localise per flow language). */
  labels?: Partial<SendLabels>;
}

export interface SendLabels {
  /** WhatsApp list button when the message sets none. */
  listButton: string;
  /** Body of the 2nd, 3rd… list message of a paged list; `{page}` and `{pages}` are replaced. */
  morePage: string;
  /** Body used when a choice prompt has no text (Meta requires one). */
  choosePrompt: string;
  /** Messenger generic-template button. */
  select: string;
}

export const DEFAULT_LABELS: SendLabels = {
  listButton: 'Options',
  morePage: 'More options ({page}/{pages})',
  choosePrompt: 'Please choose:',
  select: 'Choose',
};

/** Bad builder input (an id over Meta's limit, a template on Messenger…): the message cannot be sent as is. */
export class SendBuildError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'SendBuildError';
  }
}
