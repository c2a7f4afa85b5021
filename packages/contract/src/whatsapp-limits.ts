/**
 * WhatsApp Cloud API message limits (Meta's Cloud API message reference; summarised in
 * docs/channels.md), the one table of them: the flow lint reports a flow that breaks them before
 * publishing, the sender builds requests within them, the studio's inspector shows them as
 * character counters. Lengths are UTF-16 code units.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  /** Body of an interactive reply-button message. */
  buttonBody: 1024,
  buttonCount: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  /** Body of an interactive list message. */
  listBody: 4096,
  /** Rows in one list message, over all its sections. */
  listRows: 10,
  listSections: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  header: 60,
  footer: 60,
  mediaCaption: 1024,
  /** biz_opaque_callback_data: the idempotency key Meta echoes in statuses. */
  bizOpaque: 512,
  /** A text header of a template takes at most one parameter. */
  templateHeaderParams: 1,
  /** A template has at most 10 buttons, each with at most one dynamic parameter. */
  templateButtonParams: 10,
} as const;
