/**
 * @parley/channels: pure Meta adapters. Verify and normalize webhooks, build
 * Graph API send requests within Meta's limits, classify Graph errors.
 * No I/O: the runtime does the HTTP.
 */
export type * from './types';
export { verifyChallenge, verifySignature, computeSignature, type ChallengeResult } from './verify';
export { parseWebhook, emptyParseResult } from './parse';
export { buildSendRequests } from './send/build';
export { whatsappAddress } from './send/whatsapp';
export { buildMarkRead, buildSenderAction } from './send/receipts';
export {
  SendBuildError, DEFAULT_LABELS,
  type SendOptions, type SendLabels, type SendableMessage, type TemplateMessage, type TemplateParameter,
} from './send/options';
export { splitText, truncate, uniqueTitles, cutToLimit, utf16Length, utf8Bytes, type Measure } from './send/text';
export { WHATSAPP as WHATSAPP_LIMITS, MESSENGER as MESSENGER_LIMITS } from './send/limits';
export { classifyGraphError, classifyStatusErrors, type GraphFailure, type GraphErrorClass } from './errors/classify';
export { CODE_RULES, SUBCODE_RULES, type GraphErrorKind, type GraphErrorAction, type GraphErrorScope, type CodeRule } from './errors/codes';
