/**
 * The Graph API's templates (GET /{WABA-ID}/message_templates) → template files, one per name with
 * its languages grouped, for `parley templates pull`. Meta keeps no Parley-only details, so
 * parameters come back as text (media headers as their media type) with Meta's examples; the
 * names Meta never sees are invented: `header_image`, `url_suffix`, `coupon_code`, and for
 * positional templates `header_1`, `body_1` …
 */
import type { TemplateLanguageState } from '@parley/contract';
import { languageHash } from '../hash';
import type { ParameterSpec, TemplateButton, TemplateContent, TemplateFile } from '../types';
import { categoryFromMeta, qualityFromMeta, statusFromMeta } from './enums';
import type { MetaButton, MetaComponent, MetaTemplate } from './types';

export interface PulledTemplate {
  template: TemplateFile;
  /** language → Meta's state (id, status, quality, category, the languageHash of what Meta has). */
  states: Record<string, TemplateLanguageState>;
  /** What could not be carried over exactly (a positional template, a component Parley does not model …). */
  warnings: string[];
}

const MEDIA_FORMATS = ['image', 'video', 'document'] as const;
const PLACEHOLDER_EXAMPLE_URL = 'https://example.com/media';

interface Collect {
  parameters: Record<string, ParameterSpec>;
  warnings: string[];
  where: string;
}

function addParameter(c: Collect, name: string, spec: ParameterSpec): void {
  if (!c.parameters[name]) c.parameters[name] = spec;
}

function asText(example: string | undefined, name: string, c: Collect): ParameterSpec {
  if (example === undefined || example === '') c.warnings.push(`${c.where}: no example for {{${name}}} on Meta; used its name`);
  return { type: 'text', example: example || name };
}

/** Positional {{1}} → {{<prefix>_1}}, with the examples Meta holds by position. */
function namedText(
  text: string,
  prefix: string,
  positional: string[] | undefined,
  named: Array<{ param_name: string; example: string }> | undefined,
  c: Collect,
): string {
  const renamed = text.replace(/\{\{\s*(\d+)\s*\}\}/g, (_m, n: string) => {
    const name = `${prefix}_${n}`;
    addParameter(c, name, asText(positional?.[Number(n) - 1], name, c));
    return `{{${name}}}`;
  });
  if (renamed !== text)
    c.warnings.push(`${c.where}: positional parameters renamed ${prefix}_1, ${prefix}_2 … (Parley templates use named parameters)`);
  for (const match of renamed.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)) {
    const name = match[1]!;
    addParameter(c, name, asText(named?.find((p) => p.param_name === name)?.example, name, c));
  }
  return renamed;
}

function button(b: MetaButton, c: Collect, urlCount: { n: number }): TemplateButton | undefined {
  const type = b.type.toUpperCase();
  switch (type) {
    case 'QUICK_REPLY':
      return { type: 'quick_reply', text: b.text ?? '' };
    case 'PHONE_NUMBER':
      return { type: 'phone_number', text: b.text ?? '', phone: b.phone_number ?? '' };
    case 'URL': {
      const url = b.url ?? '';
      const suffix = /\{\{\s*\w+\s*\}\}$/.exec(url);
      if (!suffix) return { type: 'url', text: b.text ?? '', url };
      urlCount.n++;
      const name = urlCount.n === 1 ? 'url_suffix' : `url_suffix_${urlCount.n}`;
      const prefix = url.slice(0, suffix.index);
      const full = Array.isArray(b.example) ? b.example[0] : b.example;
      addParameter(c, name, asText(full?.startsWith(prefix) ? full.slice(prefix.length) : undefined, name, c));
      return { type: 'url', text: b.text ?? '', url: `${prefix}{{${name}}}` };
    }
    case 'COPY_CODE': {
      const example = Array.isArray(b.example) ? b.example[0] : b.example;
      addParameter(c, 'coupon_code', asText(example, 'coupon_code', c));
      return { type: 'copy_code', parameter: 'coupon_code' };
    }
    case 'FLOW':
      return {
        type: 'flow',
        text: b.text ?? '',
        flowId: String(b.flow_id ?? ''),
        ...(b.flow_action === 'navigate' || b.flow_action === 'data_exchange' ? { flowAction: b.flow_action } : {}),
        ...(b.navigate_screen ? { navigateScreen: b.navigate_screen } : {}),
      };
    default:
      c.warnings.push(`${c.where}: button type ${b.type} is not modelled by Parley; left out`);
      return undefined;
  }
}

function otpContent(components: MetaComponent[], c: Collect): TemplateContent {
  const body = components.find((x) => x.type.toUpperCase() === 'BODY');
  const footer = components.find((x) => x.type.toUpperCase() === 'FOOTER');
  const otpButton = components.find((x) => x.type.toUpperCase() === 'BUTTONS')?.buttons?.find((b) => b.type.toUpperCase() === 'OTP');
  const otpType = (otpButton?.otp_type ?? 'COPY_CODE').toLowerCase();
  const app =
    otpButton?.supported_apps?.[0] ??
    (otpButton?.package_name ? { package_name: otpButton.package_name, signature_hash: otpButton.signature_hash ?? '' } : undefined);
  addParameter(c, 'code', { type: 'text', example: '123456' });
  return {
    authentication: {
      otp: {
        type: otpType === 'one_tap' || otpType === 'zero_tap' ? otpType : 'copy_code',
        ...(otpButton?.text !== undefined ? { buttonText: otpButton.text } : {}),
        ...(app ? { packageName: app.package_name, signatureHash: app.signature_hash } : {}),
      },
      ...(body?.add_security_recommendation ? { securityRecommendation: true } : {}),
      ...(footer?.code_expiration_minutes !== undefined ? { codeExpirationMinutes: footer.code_expiration_minutes } : {}),
    },
  };
}

function content(m: MetaTemplate, authentication: boolean, c: Collect): TemplateContent {
  if (authentication) return otpContent(m.components ?? [], c);
  const out: TemplateContent = {};
  const urlCount = { n: 0 };
  for (const component of m.components ?? []) {
    const type = component.type.toUpperCase();
    if (type === 'HEADER') {
      const format = (component.format ?? 'TEXT').toLowerCase();
      if (format === 'text') {
        const ex = component.example;
        out.header = { format: 'text', text: namedText(component.text ?? '', 'header', ex?.header_text, ex?.header_text_named_params, c) };
      } else if (format === 'location') {
        addParameter(c, 'location', { type: 'location', example: { latitude: 0, longitude: 0 } });
        out.header = { format: 'location', parameter: 'location' };
      } else if ((MEDIA_FORMATS as readonly string[]).includes(format)) {
        const mediaType = format as (typeof MEDIA_FORMATS)[number];
        const handle = component.example?.header_handle?.[0];
        const name = `header_${mediaType}`;
        if (!handle?.startsWith('https://'))
          c.warnings.push(`${c.where}: the ${mediaType} header's example is not a URL; set ${name}'s example`);
        addParameter(c, name, { type: mediaType, example: handle?.startsWith('https://') ? handle : PLACEHOLDER_EXAMPLE_URL });
        out.header = { format: mediaType, parameter: name };
      } else c.warnings.push(`${c.where}: header format ${component.format} is not modelled by Parley; left out`);
    } else if (type === 'BODY') {
      const ex = component.example;
      out.body = namedText(component.text ?? '', 'body', ex?.body_text?.[0], ex?.body_text_named_params, c);
    } else if (type === 'FOOTER') {
      if (component.text !== undefined) out.footer = component.text;
    } else if (type === 'BUTTONS') {
      const buttons = (component.buttons ?? []).flatMap((b) => button(b, c, urlCount) ?? []);
      if (buttons.length > 0) out.buttons = buttons;
    } else c.warnings.push(`${c.where}: component ${component.type} is not modelled by Parley; left out`);
  }
  return out;
}

export function fromMeta(remote: MetaTemplate[]): PulledTemplate[] {
  const byName = new Map<string, MetaTemplate[]>();
  for (const m of remote) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const pulled: PulledTemplate[] = [];
  for (const [name, versions] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const warnings: string[] = [];
    const first = versions[0]!;
    let category = categoryFromMeta(first.category);
    if (!category) {
      warnings.push(`${name}: Meta's category ${first.category} is not marketing, utility or authentication; used utility`);
      category = 'utility';
    }
    const c: Collect = { parameters: {}, warnings, where: name };
    const languages: Record<string, TemplateContent> = {};
    for (const m of versions) {
      c.where = `${name} [${m.language}]`;
      languages[m.language] = content(m, category === 'authentication', c);
    }
    const template: TemplateFile = { $schema: '../schemas/template.schema.json', name, category, languages };
    if (Object.keys(c.parameters).length > 0) template.parameters = c.parameters;
    // Keep the file's key order readable: parameters before languages.
    const ordered: TemplateFile = {
      $schema: template.$schema,
      name,
      category,
      ...(template.parameters ? { parameters: template.parameters } : {}),
      languages,
    };
    const states: Record<string, TemplateLanguageState> = {};
    for (const m of versions) {
      const state: TemplateLanguageState = { status: statusFromMeta(m.status), id: String(m.id), hash: languageHash(ordered, m.language) };
      const metaCategory = categoryFromMeta(m.category);
      if (metaCategory) state.category = metaCategory;
      if (m.quality_score !== undefined) state.quality = qualityFromMeta(m.quality_score);
      if (m.rejected_reason && m.rejected_reason !== 'NONE') state.reason = m.rejected_reason;
      states[m.language] = state;
    }
    pulled.push({ template: ordered, states, warnings });
  }
  return pulled;
}
