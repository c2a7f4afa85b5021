/**
 * WhatsApp Cloud API limits that a flow can break at authoring time (Meta's Cloud API
 * message reference; summarised in docs/channels.md). Meta rejects a send
 * that exceeds them, so the lint reports them before publishing.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  /** Body of an interactive reply-button message. */
  buttonBody: 1024,
  buttonCount: 3,
  buttonTitle: 20,
  listButton: 20,
  listRowsTotal: 10,
  listSections: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  mediaCaption: 1024,
  /** A text header of a template takes at most one parameter. */
  templateHeaderParams: 1,
  /** A template has at most 10 buttons, each with at most one dynamic parameter. */
  templateButtonParams: 10,
} as const;
