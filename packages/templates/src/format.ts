/**
 * Intl formatters per template language, cached: building an Intl.NumberFormat costs tens of
 * microseconds, using one costs about one, and a send renders many times per formatter.
 * Meta's language codes use `_` (pt_BR); Intl wants BCP 47 (pt-BR).
 */
import type { ParameterSpec } from './types';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function localeOf(language: string): string {
  const tag = language.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function numberFormat(language: string): Intl.NumberFormat {
  const key = `n|${language}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 3 })));
  return f;
}

/** Undefined when the code is not a currency Intl knows (the caller reports it). */
export function currencyFormat(language: string, currency: string): Intl.NumberFormat | undefined {
  const key = `c|${language}|${currency}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    if (!/^[A-Z]{3}$/.test(currency)) return undefined;
    try {
      f = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency });
    } catch {
      return undefined;
    }
    cache.set(key, f);
  }
  return f;
}

/** Undefined when the time zone is unknown. */
export function dateFormat(
  language: string,
  spec: Pick<ParameterSpec, 'dateStyle' | 'timeStyle' | 'timeZone'>,
): Intl.DateTimeFormat | undefined {
  const dateStyle = spec.dateStyle ?? 'medium';
  const timeZone = spec.timeZone ?? 'UTC';
  const key = `d|${language}|${dateStyle}|${spec.timeStyle ?? ''}|${timeZone}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(localeOf(language), { dateStyle, ...(spec.timeStyle ? { timeStyle: spec.timeStyle } : {}), timeZone });
    } catch {
      return undefined;
    }
    cache.set(key, f);
  }
  return f;
}
