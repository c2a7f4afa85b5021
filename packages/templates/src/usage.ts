/**
 * Where each parameter of one language is used: header text, header media or location, body, a
 * URL button's suffix, a copy-code button, or an authentication template's code. The validator
 * checks types against these places, the renderer fills them, the hash names them.
 */
import { placeholders } from './placeholders';
import type { TemplateContent } from './types';

export type ParameterPlace = 'header_text' | 'header_media' | 'header_location' | 'body' | 'url_suffix' | 'copy_code' | 'otp';

export interface ParameterUse {
  name: string;
  place: ParameterPlace;
  component: 'header' | 'body' | 'buttons' | 'authentication';
  /** JSON pointer below the language: `/body`, `/header/parameter`, `/buttons/1/url`. */
  pointer: string;
  buttonIndex?: number;
}

/** Authentication templates: Meta writes the body; the one-time code is this parameter. */
const AUTH_CODE_PARAMETER = 'code';

export function parameterUses(content: TemplateContent): ParameterUse[] {
  const uses: ParameterUse[] = [];
  const header = content.header;
  if (header?.format === 'text') {
    for (const t of placeholders(header.text))
      if (t.kind === 'param') uses.push({ name: t.name, place: 'header_text', component: 'header', pointer: '/header/text' });
  } else if (header?.format === 'location') {
    uses.push({ name: header.parameter, place: 'header_location', component: 'header', pointer: '/header/parameter' });
  } else if (header) {
    uses.push({ name: header.parameter, place: 'header_media', component: 'header', pointer: '/header/parameter' });
  }
  if (content.body !== undefined) {
    for (const t of placeholders(content.body))
      if (t.kind === 'param') uses.push({ name: t.name, place: 'body', component: 'body', pointer: '/body' });
  }
  (content.buttons ?? []).forEach((button, i) => {
    if (button.type === 'url') {
      for (const t of placeholders(button.url))
        if (t.kind === 'param')
          uses.push({ name: t.name, place: 'url_suffix', component: 'buttons', pointer: `/buttons/${i}/url`, buttonIndex: i });
    } else if (button.type === 'copy_code') {
      uses.push({ name: button.parameter, place: 'copy_code', component: 'buttons', pointer: `/buttons/${i}/parameter`, buttonIndex: i });
    }
  });
  if (content.authentication)
    uses.push({ name: AUTH_CODE_PARAMETER, place: 'otp', component: 'authentication', pointer: '/authentication' });
  return uses;
}

/** The distinct parameter names one language uses, in order of first use. */
export function usedParameterNames(content: TemplateContent): string[] {
  return [...new Set(parameterUses(content).map((u) => u.name))];
}
