/** Meta's message limits (reference §4.3 and §8.2). Lengths are UTF-16 code units unless noted. */
export const WHATSAPP = {
  textBody: 4096,
  buttonCount: 3,
  buttonTitle: 20,
  buttonId: 256,
  buttonBody: 1024,
  listRows: 10,
  listSections: 10,
  listButton: 20,
  listBody: 4096,
  sectionTitle: 24,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  header: 60,
  footer: 60,
  mediaCaption: 1024,
  bizOpaque: 512,
} as const;

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
