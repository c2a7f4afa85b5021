/**
 * The browser-safe part of @parley/channels (no `node:crypto`): parsing,
 * send-request builders and error classification, e.g. for the studio's
 * WhatsApp preview. Import as `@parley/channels/browser`.
 */
export type * from './types';
export { parseWebhook, emptyParseResult } from './parse';
export { buildSendRequests } from './send/build';
export { buildMarkRead, buildSenderAction } from './send/receipts';
export { whatsappAddress } from './send/whatsapp';
export { parsePartKey } from './send/part-key';
export {
  SendBuildError,
  DEFAULT_LABELS,
  type SendOptions,
  type SendLabels,
  type SendableMessage,
  type TemplateMessage,
  type TemplateParameter,
} from './send/options';
export { splitText, truncate, uniqueTitles, cutToLimit, utf16Length, utf8Bytes, type Measure } from './send/text';
export { WHATSAPP as WHATSAPP_LIMITS, MESSENGER as MESSENGER_LIMITS } from './send/limits';
export { classifyGraphError, classifyStatusErrors, type GraphFailure, type GraphErrorClass } from './errors/classify';
export { CODE_RULES, SUBCODE_RULES, type GraphErrorKind, type GraphErrorAction, type GraphErrorScope, type CodeRule } from './errors/codes';
