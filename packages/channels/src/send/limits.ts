/** Meta's message limits (reference §4.3 and §8.2). Lengths are UTF-16 code units unless noted. */
import { WHATSAPP_LIMITS } from '@parley/contract';

/** WhatsApp's: the one table, shared with the flow lint and the studio. */
export const WHATSAPP = WHATSAPP_LIMITS;

export const MESSENGER = {
  text: 2000,
  /** Instagram counts UTF-8 bytes. */
  instagramTextBytes: 1000,
  quickReplies: 13,
  quickReplyTitle: 20,
  payload: 1000,
  genericElements: 10,
  elementTitle: 80,
  elementSubtitle: 80,
  buttonTitle: 20,
} as const;
