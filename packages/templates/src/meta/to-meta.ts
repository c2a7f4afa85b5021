/**
 * Template file → the Graph API's create body (POST /{WABA-ID}/message_templates) and edit body
 * (POST /{TEMPLATE-ID}). Named parameters (parameter_format NAMED) with their examples formatted
 * for the language, as Meta's reviewers will read them; URL buttons use Meta's positional suffix
 * `{{1}}` with a full example URL; media headers need an upload handle as their example.
 */
import { compileConverter } from '../convert';
import { placeholders } from '../placeholders';
import type { ParameterValue, TemplateButton, TemplateContent, TemplateFile } from '../types';
import type { ParameterPlace } from '../usage';
import type { MetaButton, MetaComponent } from './types';

export interface ToMetaOptions {
  /** Media header: parameter name → the upload handle (TemplateApi.uploadMedia) Meta wants as the example. Without one the example is left out. */
  headerHandles?: Record<string, string>;
}

/** Throws a RangeError when the template has no such language. */
export function toMetaCreate(t: TemplateFile, language: string, opts: ToMetaOptions = {}): Record<string, unknown> {
  const components = toMetaComponents(t, language, opts);
  return {
    name: t.name,
    language,
    category: t.category.toUpperCase(),
    // Authentication templates have no parameters of their own to name.
    ...(t.category === 'authentication' ? {} : { parameter_format: 'NAMED' }),
    allow_category_change: t.allowCategoryChange ?? false,
    components,
  };
}

/** Edit body: the components, and the category when the template lets Meta change it. */
export function toMetaEdit(t: TemplateFile, language: string, opts: ToMetaOptions = {}): Record<string, unknown> {
  return { ...(t.allowCategoryChange ? { category: t.category.toUpperCase() } : {}), components: toMetaComponents(t, language, opts) };
}

function exampleText(t: TemplateFile, language: string, name: string, place: ParameterPlace): string {
  const spec = t.parameters?.[name];
  if (!spec) return name;
  const converted = compileConverter(name, spec, language, place)(spec.example);
  return converted.ok ? converted.text : String(spec.example as ParameterValue);
}

function namedExamples(
  t: TemplateFile,
  language: string,
  text: string,
  place: ParameterPlace,
): Array<{ param_name: string; example: string }> {
  const names = [...new Set(placeholders(text).flatMap((p) => (p.kind === 'param' ? [p.name] : [])))];
  return names.map((name) => ({ param_name: name, example: exampleText(t, language, name, place) }));
}

function toMetaComponents(t: TemplateFile, language: string, opts: ToMetaOptions): MetaComponent[] {
  const content = t.languages[language];
  if (!content) throw new RangeError(`template ${t.name} has no language "${language}"`);
  if (content.authentication) return authenticationComponents(content);
  const components: MetaComponent[] = [];
  const header = content.header;
  if (header?.format === 'text') {
    const examples = namedExamples(t, language, header.text, 'header_text');
    components.push({
      type: 'HEADER',
      format: 'TEXT',
      text: header.text,
      ...(examples.length > 0 ? { example: { header_text_named_params: examples } } : {}),
    });
  } else if (header?.format === 'location') {
    components.push({ type: 'HEADER', format: 'LOCATION' });
  } else if (header) {
    const handle = opts.headerHandles?.[header.parameter];
    components.push({ type: 'HEADER', format: header.format.toUpperCase(), ...(handle ? { example: { header_handle: [handle] } } : {}) });
  }
  if (content.body !== undefined) {
    const examples = namedExamples(t, language, content.body, 'body');
    components.push({
      type: 'BODY',
      text: content.body,
      ...(examples.length > 0 ? { example: { body_text_named_params: examples } } : {}),
    });
  }
  if (content.footer !== undefined) components.push({ type: 'FOOTER', text: content.footer });
  if (content.buttons && content.buttons.length > 0) {
    components.push({ type: 'BUTTONS', buttons: content.buttons.map((b) => metaButton(t, language, b)) });
  }
  return components;
}

function metaButton(t: TemplateFile, language: string, b: TemplateButton): MetaButton {
  switch (b.type) {
    case 'quick_reply':
      return { type: 'QUICK_REPLY', text: b.text };
    case 'url': {
      const tokens = placeholders(b.url);
      const param = tokens.find((p) => p.kind === 'param');
      const url = tokens.map((p) => (p.kind === 'text' ? p.text : '{{1}}')).join('');
      if (!param || param.kind !== 'param') return { type: 'URL', text: b.text, url };
      const example = tokens.map((p) => (p.kind === 'text' ? p.text : exampleText(t, language, p.name, 'url_suffix'))).join('');
      return { type: 'URL', text: b.text, url, example: [example] };
    }
    case 'phone_number':
      return { type: 'PHONE_NUMBER', text: b.text, phone_number: b.phone };
    case 'copy_code':
      return { type: 'COPY_CODE', example: exampleText(t, language, b.parameter, 'copy_code') };
    case 'flow':
      return {
        type: 'FLOW',
        text: b.text,
        flow_id: b.flowId,
        ...(b.flowAction ? { flow_action: b.flowAction } : {}),
        ...(b.navigateScreen ? { navigate_screen: b.navigateScreen } : {}),
      };
  }
}

function authenticationComponents(content: TemplateContent): MetaComponent[] {
  const auth = content.authentication!;
  const otp: MetaButton = { type: 'OTP', otp_type: auth.otp.type.toUpperCase() };
  if (auth.otp.buttonText !== undefined) otp.text = auth.otp.buttonText;
  if (auth.otp.packageName && auth.otp.signatureHash)
    otp.supported_apps = [{ package_name: auth.otp.packageName, signature_hash: auth.otp.signatureHash }];
  const components: MetaComponent[] = [{ type: 'BODY', add_security_recommendation: auth.securityRecommendation ?? false }];
  if (auth.codeExpirationMinutes !== undefined) components.push({ type: 'FOOTER', code_expiration_minutes: auth.codeExpirationMinutes });
  components.push({ type: 'BUTTONS', buttons: [otp] });
  return components;
}
