/**
 * The template file format: `templates/<name>.template.json`, one file per template with every
 * language, mirroring `schemas/template.schema.json`. Parameters are named (`{{first_name}}`),
 * declared once for all languages with a type, an example (Meta requires one at submission) and
 * optionally a fallback, allowed values or a pattern.
 */
import type { TemplateCategory, TemplateLanguageState, TemplateParameterType } from '@parley/contract';

export interface CurrencyValue {
  /** The amount in major units (129.9 = 129.90). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

export interface LocationValue {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** A value a parameter can take: text, a number, a currency amount, an ISO date-time, a media URL or a location. */
export type ParameterValue = string | number | CurrencyValue | LocationValue;

export interface ParameterSpec {
  type: TemplateParameterType;
  description?: string;
  /** Shown to Meta's reviewers and used by previews and dry runs. Required. */
  example: ParameterValue;
  /** Used when a send has no value for this parameter. Without one the parameter is required. */
  fallback?: ParameterValue;
  /** The only values a send may use (text or number parameters). */
  allowed?: Array<string | number>;
  /** A regular expression the value must match (text parameters). */
  pattern?: string;
  /** Longest value allowed (text parameters); Meta's own limits apply on top. */
  maxLength?: number;
  /** currency: the ISO 4217 code used when the value is a bare number. */
  currency?: string;
  /** date_time: how the date is written (Intl.DateTimeFormat styles). Default `medium`, no time. */
  dateStyle?: 'full' | 'long' | 'medium' | 'short';
  timeStyle?: 'full' | 'long' | 'medium' | 'short';
  /** date_time: the IANA time zone the date is written in. Default UTC (a date-only value stays on its day). */
  timeZone?: string;
}

export type TemplateHeader =
  | { format: 'text'; text: string }
  /** `parameter` names an image/video/document parameter that holds the media URL. */
  | { format: 'image' | 'video' | 'document'; parameter: string }
  | { format: 'location'; parameter: string };

export type TemplateButton =
  | {
      type: 'quick_reply';
      text: string;
      /** Returned when tapped; default: the text. */ payload?: string;
      /** Tapping it opts the person out of marketing (the runtime records and confirms it). */ optOut?: boolean;
    }
  /** `url` may end with one `{{parameter}}` (Meta's dynamic URL suffix). */
  | { type: 'url'; text: string; url: string }
  | { type: 'phone_number'; text: string; phone: string }
  /** The coupon code comes from a text parameter at send time. */
  | { type: 'copy_code'; parameter: string }
  | { type: 'flow'; text: string; flowId: string; flowAction?: 'navigate' | 'data_exchange'; navigateScreen?: string };

/** Authentication templates have a fixed shape: Meta writes the body; the code is the `code` parameter. */
export interface AuthenticationContent {
  otp: { type: 'copy_code' | 'one_tap' | 'zero_tap'; buttonText?: string; packageName?: string; signatureHash?: string };
  securityRecommendation?: boolean;
  codeExpirationMinutes?: number;
}

export interface TemplateContent {
  header?: TemplateHeader;
  /** Up to 1,024 characters, with `{{parameter}}` placeholders. Absent only for authentication templates. */
  body?: string;
  /** Up to 60 characters, no parameters. */
  footer?: string;
  buttons?: TemplateButton[];
  authentication?: AuthenticationContent;
}

export interface TemplateFile {
  $schema?: string;
  /** Meta's template name: lowercase letters, digits and underscores; equals the file name. */
  name: string;
  category: TemplateCategory;
  description?: string;
  /** Let Meta change the category instead of rejecting (allow_category_change). Default false. */
  allowCategoryChange?: boolean;
  parameters?: Record<string, ParameterSpec>;
  /** Keyed by Meta's language code (`en`, `en_US`, `es`, `pt_BR`…). */
  languages: Record<string, TemplateContent>;
}

/** `templates/templates.lock.json`: written by `parley templates push|pull|status`, committed. */
export interface TemplateLock {
  $schema?: string;
  lockVersion: 1;
  /** tenant id → template name → language → what Meta said. */
  tenants: Record<string, Record<string, Record<string, TemplateLanguageState>>>;
}

/** A validation problem with where it is: file, language, component and field. */
export interface TemplateIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file: string;
  /** JSON pointer inside the file. */
  path: string;
  language?: string;
  component?: 'header' | 'body' | 'footer' | 'buttons' | 'parameters' | 'authentication';
  field?: string;
}
