/**
 * languageHash: the content hash of one language as Meta reviews it — category, header, body,
 * footer, buttons, authentication options. Parley-only details are left out on purpose (parameter
 * types, examples, fallbacks, patterns, quick-reply payloads, the names of media/URL/copy-code
 * parameters, which Meta never sees), so a template pushed and then pulled back hashes the same,
 * and "changed" means exactly "must be submitted again".
 */
import { contentHash } from '@parley/contract';
import { placeholders } from './placeholders';
import type { TemplateButton, TemplateContent, TemplateFile } from './types';

function canonicalButton(button: TemplateButton): unknown {
  switch (button.type) {
    case 'quick_reply':
      return ['quick_reply', button.text];
    case 'url':
      // Meta's URL buttons use a positional suffix ({{1}}), whatever the parameter is called here.
      return [
        'url',
        button.text,
        placeholders(button.url)
          .map((p) => (p.kind === 'text' ? p.text : '{{1}}'))
          .join(''),
      ];
    case 'phone_number':
      return ['phone_number', button.text, button.phone.replace(/[\s-]/g, '')];
    case 'copy_code':
      return ['copy_code'];
    case 'flow':
      return ['flow', button.text, button.flowId, button.flowAction ?? null, button.navigateScreen ?? null];
  }
}

function canonicalContent(content: TemplateContent, authentication: boolean): unknown {
  const header = content.header;
  const auth = content.authentication;
  return {
    header: header ? (header.format === 'text' ? ['text', header.text] : [header.format]) : null,
    // Meta writes the body of authentication templates.
    body: authentication ? null : (content.body ?? null),
    footer: authentication ? null : (content.footer ?? null),
    buttons: (content.buttons ?? []).map(canonicalButton),
    authentication: auth
      ? [
          auth.otp.type,
          auth.otp.buttonText ?? null,
          auth.otp.packageName ?? null,
          auth.otp.signatureHash ?? null,
          auth.securityRecommendation ?? false,
          auth.codeExpirationMinutes ?? null,
        ]
      : null,
  };
}

/** Throws a RangeError when the template has no such language. */
export function languageHash(t: TemplateFile, language: string): string {
  const content = t.languages[language];
  if (!content) throw new RangeError(`template ${t.name} has no language "${language}"`);
  return contentHash(JSON.stringify([t.category, canonicalContent(content, t.category === 'authentication')]));
}
