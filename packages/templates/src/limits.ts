/**
 * Meta's limits for message templates (WhatsApp Business Management API, template components), the
 * one table of them: the validator enforces them, the dry run checks filled values against them,
 * the studio shows them as counters. Lengths are UTF-16 code units, as Meta counts them.
 */
export const TEMPLATE_LIMITS = {
  nameLength: 512,
  body: 1024,
  header: 60,
  headerParams: 1,
  footer: 60,
  buttonText: 25,
  buttons: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  /** Meta's longest URL for a URL button, suffix included. */
  url: 2000,
  phone: 20,
  /** A copy-code button's code. */
  couponCode: 15,
  /** Longest quick-reply payload Meta takes at send time. */
  payload: 1000,
  /** More consecutive spaces than this in a text parameter is refused at send time. */
  consecutiveSpaces: 4,
  codeExpirationMinutes: { min: 1, max: 90 },
} as const;

/** Meta's template names: lowercase letters, digits and underscores. */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;

/** Named parameters: a lowercase letter, then lowercase letters, digits and underscores. */
export const PARAMETER_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
