/**
 * Meta's rules for one language's components: lengths, button counts and grouping, where
 * parameters may stand, URL buttons, authentication templates, and parameters that fit their place.
 */
import type { IssueList } from '../issues';
import { pointer } from '../issues';
import { PARAMETER_NAME_PATTERN, TEMPLATE_LIMITS as L } from '../limits';
import { placeholders } from '../placeholders';
import { parameterUses, type ParameterPlace } from '../usage';
import type { TemplateContent, TemplateFile } from '../types';

const TEXT_LIKE = ['text', 'number', 'currency', 'date_time'];
const PLACE_TYPES: Record<ParameterPlace, { types: string[]; what: string }> = {
  header_text: { types: TEXT_LIKE, what: 'a text, number, currency or date_time parameter' },
  body: { types: TEXT_LIKE, what: 'a text, number, currency or date_time parameter' },
  header_media: { types: [], what: '' },
  header_location: { types: ['location'], what: 'a location parameter' },
  url_suffix: { types: ['text'], what: 'a text parameter' },
  copy_code: { types: ['text'], what: 'a text parameter' },
  otp: { types: ['text'], what: 'a text parameter (the one-time code)' },
};
/** Between two parameters there must be words, not only spaces and punctuation. */
const ONLY_SPACE_OR_PUNCTUATION = /^[\s\p{P}\p{S}]*$/u;

export function checkLanguage(t: TemplateFile, language: string, content: TemplateContent, issues: IssueList): void {
  const at = (...segments: Array<string | number>): string => pointer('languages', language, ...segments);
  checkCategoryShape(t, content, at, issues);
  checkHeader(content, at, issues);
  if (content.body !== undefined) checkBody(content.body, at('body'), issues);
  if (content.footer !== undefined) {
    if (content.footer.length > L.footer)
      issues.error('footer-too-long', at('footer'), `at most ${L.footer} characters (has ${content.footer.length})`);
    if (placeholders(content.footer).some((p) => p.kind === 'param'))
      issues.error('footer-params', at('footer'), 'a footer cannot have parameters');
  }
  checkButtons(content, at, issues);
  if (content.authentication) checkAuthentication(content, at, issues);
  checkUses(t, content, at, issues);
}

function checkCategoryShape(
  t: TemplateFile,
  content: TemplateContent,
  at: (...s: Array<string | number>) => string,
  issues: IssueList,
): void {
  if (t.category === 'authentication') {
    if (!content.authentication)
      issues.error(
        'auth-block-missing',
        at('authentication'),
        'an authentication template needs an "authentication" block (otp type, security recommendation, code expiry)',
      );
    if (content.header) issues.error('auth-header', at('header'), 'authentication templates have no header');
    (content.buttons ?? []).forEach((b, i) => {
      if (b.type === 'url')
        issues.error(
          'auth-url-button',
          at('buttons', i),
          'authentication templates cannot have URL buttons (the OTP button is set in "authentication")',
        );
    });
    if (content.body !== undefined)
      issues.warn('auth-body-ignored', at('body'), 'Meta writes the body of authentication templates; this text is not submitted');
    return;
  }
  if (content.authentication)
    issues.error(
      'auth-block-not-allowed',
      at('authentication'),
      `only authentication templates have an "authentication" block (this one is ${t.category})`,
    );
  if (content.body === undefined || content.body.trim() === '')
    issues.error('body-missing', at('body'), `a ${t.category} template needs a body (up to ${L.body} characters)`);
}

function checkPlaceholderSyntax(text: string, path: string, issues: IssueList): void {
  let rest = text;
  for (const token of placeholders(text)) {
    if (token.kind !== 'param') continue;
    if (!PARAMETER_NAME_PATTERN.test(token.name)) {
      issues.error(
        'bad-placeholder',
        path,
        /^\d+$/.test(token.name)
          ? `{{${token.name}}}: use named parameters such as {{first_name}}, declared under "parameters"`
          : `{{${token.raw}}}: a parameter name starts with a lowercase letter and continues with lowercase letters, digits or _`,
      );
    }
    rest = rest.replace(text.slice(token.start, token.end), '');
  }
  if (rest.includes('{{') || rest.includes('}}')) issues.error('bad-placeholder', path, 'unbalanced braces: write a parameter as {{name}}');
}

function checkHeader(content: TemplateContent, at: (...s: Array<string | number>) => string, issues: IssueList): void {
  const header = content.header;
  if (header?.format !== 'text') return;
  const path = at('header', 'text');
  if (header.text.trim() === '') issues.error('header-empty', path, 'a text header cannot be empty (leave the header out instead)');
  if (header.text.length > L.header) issues.error('header-too-long', path, `at most ${L.header} characters (has ${header.text.length})`);
  checkPlaceholderSyntax(header.text, path, issues);
  const count = placeholders(header.text).filter((p) => p.kind === 'param').length;
  if (count > L.headerParams) issues.error('header-params', path, `a text header takes at most ${L.headerParams} parameter (has ${count})`);
}

function checkBody(body: string, path: string, issues: IssueList): void {
  if (body.length > L.body) issues.error('body-too-long', path, `at most ${L.body} characters (has ${body.length})`);
  checkPlaceholderSyntax(body, path, issues);
  const tokens = placeholders(body.trim());
  const params = tokens.filter((p) => p.kind === 'param');
  if (params.length === 0) return;
  if (tokens[0]?.kind === 'param')
    issues.error('param-at-edge', path, `the body cannot start with a parameter ({{${tokens[0].name}}}); put words before it`);
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'param')
    issues.error('param-at-edge', path, `the body cannot end with a parameter ({{${last.name}}}); put words after it`);
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!;
    const cur = tokens[i]!;
    const next = tokens[i + 1];
    if (prev.kind === 'param' && cur.kind === 'param')
      issues.error('params-adjacent', path, `{{${prev.name}}} and {{${cur.name}}} are adjacent; put words between them`);
    if (prev.kind === 'param' && cur.kind === 'text' && next?.kind === 'param' && ONLY_SPACE_OR_PUNCTUATION.test(cur.text))
      issues.error(
        'params-adjacent',
        path,
        `{{${prev.name}}} and {{${next.name}}} have only "${cur.text}" between them; put words between them`,
      );
  }
  const words = tokens.filter((p) => p.kind === 'text').reduce((n, p) => n + (p.kind === 'text' ? countWords(p.text) : 0), 0);
  if (words < 2 * params.length + 1)
    issues.warn(
      'too-many-parameters',
      path,
      `${params.length} parameters need at least ${2 * params.length + 1} words of fixed text around them (has ${words}); Meta rejects bodies that are mostly parameters`,
    );
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function checkButtons(content: TemplateContent, at: (...s: Array<string | number>) => string, issues: IssueList): void {
  const buttons = content.buttons ?? [];
  if (buttons.length === 0) return;
  if (buttons.length > L.buttons) issues.error('too-many-buttons', at('buttons'), `at most ${L.buttons} buttons (has ${buttons.length})`);
  const counts = { url: 0, phone_number: 0, copy_code: 0 };
  let quickReplyGroup: 'none' | 'open' | 'closed' = 'none';
  buttons.forEach((button, i) => {
    const path = at('buttons', i);
    if (button.type === 'url' || button.type === 'phone_number' || button.type === 'copy_code') counts[button.type]++;
    if (button.type === 'quick_reply') {
      if (quickReplyGroup === 'closed')
        issues.error(
          'quick-replies-not-grouped',
          path,
          'quick-reply buttons must stand together, not between other buttons (Meta groups them)',
        );
      quickReplyGroup = 'open';
    } else if (quickReplyGroup === 'open') quickReplyGroup = 'closed';
    if ('text' in button) {
      if (button.text.trim() === '') issues.error('button-text-empty', `${path}/text`, 'a button needs a text');
      if (button.text.length > L.buttonText)
        issues.error('button-text-too-long', `${path}/text`, `at most ${L.buttonText} characters (has ${button.text.length})`);
      if (placeholders(button.text).some((p) => p.kind === 'param'))
        issues.error('button-text-params', `${path}/text`, 'a button text cannot have parameters');
    }
    if (button.type === 'url') checkUrl(button.url, `${path}/url`, issues);
    if (button.type === 'phone_number' && !/^\+?[0-9]{5,19}$/.test(button.phone.replace(/[\s-]/g, '')))
      issues.error(
        'phone-invalid',
        `${path}/phone`,
        `a phone number with its country code, digits only, such as +14155550123 (at most ${L.phone} characters)`,
      );
    if (button.type === 'quick_reply' && button.payload !== undefined && button.payload.length > L.payload)
      issues.error('payload-too-long', `${path}/payload`, `at most ${L.payload} characters (has ${button.payload.length})`);
    if (button.type === 'flow' && !/^\d+$/.test(button.flowId))
      issues.error('flow-id-invalid', `${path}/flowId`, "Meta's numeric flow id, such as 1234567890");
  });
  if (counts.url > L.urlButtons)
    issues.error('too-many-url-buttons', at('buttons'), `at most ${L.urlButtons} URL buttons (has ${counts.url})`);
  if (counts.phone_number > L.phoneButtons)
    issues.error('too-many-phone-buttons', at('buttons'), `at most ${L.phoneButtons} phone-number button (has ${counts.phone_number})`);
  if (counts.copy_code > L.copyCodeButtons)
    issues.error('too-many-copy-code-buttons', at('buttons'), `at most ${L.copyCodeButtons} copy-code button (has ${counts.copy_code})`);
}

function checkUrl(url: string, path: string, issues: IssueList): void {
  checkPlaceholderSyntax(url, path, issues);
  const tokens = placeholders(url);
  const params = tokens.filter((p) => p.kind === 'param');
  if (params.length > 1) issues.error('url-params', path, `a URL takes at most one parameter, as its suffix (has ${params.length})`);
  else if (params.length === 1 && tokens[tokens.length - 1]?.kind !== 'param')
    issues.error(
      'url-param-not-suffix',
      path,
      'the parameter may only stand at the very end of the URL (Meta fills a suffix), as in https://shop.example.com/cart/{{cart_id}}',
    );
  const fixed = tokens.map((p) => (p.kind === 'text' ? p.text : 'x')).join('');
  if (!fixed.startsWith('https://')) issues.error('url-not-https', path, 'a URL button needs an https:// URL');
  else if (!isValidUrl(fixed)) issues.error('url-invalid', path, `not a valid URL: ${url}`);
  if (url.length > L.url) issues.error('url-too-long', path, `at most ${L.url} characters (has ${url.length})`);
}

export function isValidUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.includes('.') && !/\s/.test(url);
  } catch {
    return false;
  }
}

function checkAuthentication(content: TemplateContent, at: (...s: Array<string | number>) => string, issues: IssueList): void {
  const auth = content.authentication!;
  const { otp } = auth;
  if (otp.buttonText !== undefined && otp.buttonText.length > L.buttonText)
    issues.error(
      'button-text-too-long',
      at('authentication', 'otp', 'buttonText'),
      `at most ${L.buttonText} characters (has ${otp.buttonText.length})`,
    );
  if (otp.type !== 'copy_code' && (!otp.packageName || !otp.signatureHash))
    issues.error(
      'auth-app-missing',
      at('authentication', 'otp'),
      `a ${otp.type} button needs the Android app's "packageName" and "signatureHash"`,
    );
  const minutes = auth.codeExpirationMinutes;
  if (minutes !== undefined && (minutes < L.codeExpirationMinutes.min || minutes > L.codeExpirationMinutes.max))
    issues.error(
      'auth-expiry',
      at('authentication', 'codeExpirationMinutes'),
      `between ${L.codeExpirationMinutes.min} and ${L.codeExpirationMinutes.max} minutes (is ${minutes})`,
    );
}

function checkUses(t: TemplateFile, content: TemplateContent, at: (...s: Array<string | number>) => string, issues: IssueList): void {
  const declared = t.parameters ?? {};
  const reported = new Set<string>();
  for (const use of parameterUses(content)) {
    const path = `${at()}${use.pointer}`;
    if (!PARAMETER_NAME_PATTERN.test(use.name)) continue; // reported as a bad placeholder
    const spec = declared[use.name];
    if (!spec) {
      if (!reported.has(use.name))
        issues.error(
          'undeclared-parameter',
          path,
          `{{${use.name}}} is not declared under "parameters" (declare it with a type and an example)`,
        );
      reported.add(use.name);
      continue;
    }
    const expected = use.place === 'header_media' && content.header?.format !== 'text' ? content.header!.format : undefined;
    const fits = expected !== undefined ? spec.type === expected : PLACE_TYPES[use.place].types.includes(spec.type);
    if (!fits) {
      const what = expected !== undefined ? `an ${expected} parameter` : PLACE_TYPES[use.place].what;
      issues.error('parameter-place', path, `${use.name} is ${spec.type}, but ${placeName(use.place)} needs ${what}`);
    }
  }
}

function placeName(place: ParameterPlace): string {
  return {
    header_text: 'a text header',
    body: 'the body',
    header_media: 'the media header',
    header_location: 'a location header',
    url_suffix: "a URL button's suffix",
    copy_code: 'a copy-code button',
    otp: 'the one-time code',
  }[place];
}
