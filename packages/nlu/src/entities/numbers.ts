/** Numbers as people type them: "1,234.5", "1.234,5", "-3", "12.5%", by locale. */
import type { Entity } from '../types';
import type { LocaleInfo } from './locale';
import { limitedMatches } from './matches';

// Digits with optional grouping (",", ".", thin/normal space, apostrophe) and an optional decimal part.
export const NUMBER_SOURCE = String.raw`[-+−]?(?:\d{1,3}(?:[,.'\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?`;
const NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])${NUMBER_SOURCE}(?![\p{N}]|[.,]\d)`, 'gu');

/**
 * Reads one written number. When both "." and "," appear, the last one is the decimal
 * separator; a single separator followed by exactly three digits is ambiguous and the
 * locale decides ("1,234" is 1234 in English, 1.234 in German).
 */
export function parseLocaleNumber(written: string, locale: Pick<LocaleInfo, 'decimal'>): number | undefined {
  let text = written.replace(/[\u00a0\u202f']/g, '').replace('−', '-');
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = text.split(sep).length - 1;
    const after = text.length - text.lastIndexOf(sep) - 1;
    if (count > 1) decimal = undefined;
    else if (after === 3) decimal = locale.decimal === sep ? sep : undefined;
    else decimal = sep;
  }
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : undefined;
  if (group) text = text.split(group).join('');
  else if (!decimal) text = text.replace(/[.,]/g, '');
  if (decimal === ',') text = text.replace(',', '.');
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function extractNumbers(text: string, locale: LocaleInfo): Entity[] {
  const out: Entity[] = [];
  for (const match of limitedMatches(text, NUMBER)) {
    const value = parseLocaleNumber(match[0], locale);
    if (value === undefined) continue;
    out.push({ type: 'number', text: match[0], value, start: match.index, end: match.index + match[0].length });
  }
  return out;
}
