/**
 * The Graph API's template format: one element of `GET /{WABA-ID}/message_templates` `data[]`
 * (fields id, name, language, status, category, quality_score, rejected_reason, parameter_format,
 * components). Loose where Meta is: upper-case strings, optional examples.
 */
export interface MetaButton {
  type: string;
  text?: string;
  url?: string;
  phone_number?: string;
  /** URL buttons: the example full URL(s); COPY_CODE: the example code. */
  example?: string[] | string;
  otp_type?: string;
  autofill_text?: string;
  package_name?: string;
  signature_hash?: string;
  supported_apps?: Array<{ package_name: string; signature_hash: string }>;
  flow_id?: string | number;
  flow_action?: string;
  navigate_screen?: string;
}

export interface MetaComponent {
  type: string;
  format?: string;
  text?: string;
  example?: {
    header_text?: string[];
    header_text_named_params?: Array<{ param_name: string; example: string }>;
    header_handle?: string[];
    body_text?: string[][];
    body_text_named_params?: Array<{ param_name: string; example: string }>;
  };
  buttons?: MetaButton[];
  add_security_recommendation?: boolean;
  code_expiration_minutes?: number;
}

export interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  quality_score?: { score: string; date?: number } | string;
  rejected_reason?: string;
  parameter_format?: string;
  components: MetaComponent[];
}
