/** Locale facts the entity extractors need: decimal separator, day/month order, default country and currency. */

/** Languages whose numbers are written "1.234,5". */
const COMMA_DECIMAL = new Set(['de', 'es', 'pt', 'fr', 'it', 'nl', 'tr', 'ru', 'pl', 'id', 'da', 'sv', 'nb', 'fi', 'cs', 'ro', 'vi']);
/** Regions that write dates month first ("11/21"). */
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'FM', 'PW', 'MH']);

const REGION_CURRENCY: Record<string, string> = {
  US: 'USD',
  MX: 'MXN',
  AR: 'ARS',
  CO: 'COP',
  CL: 'CLP',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SG: 'SGD',
  HK: 'HKD',
  BR: 'BRL',
  IN: 'INR',
  GB: 'GBP',
  JP: 'JPY',
  CN: 'CNY',
  UY: 'UYU',
  PE: 'PEN',
};

export interface LocaleInfo {
  language: string;
  region?: string;
  decimal: '.' | ',';
  monthFirst: boolean;
  /** What a bare "$" means here. */
  dollarCurrency: string;
}

export function localeInfo(locale = 'en'): LocaleInfo {
  const [rawLanguage, rawRegion] = locale.replace('_', '-').split('-');
  const language = (rawLanguage ?? 'en').toLowerCase();
  const region = rawRegion && /^[a-z]{2}$/i.test(rawRegion) ? rawRegion.toUpperCase() : undefined;
  const dollar = region ? REGION_CURRENCY[region] : undefined;
  return {
    language,
    region,
    decimal: COMMA_DECIMAL.has(language) ? ',' : '.',
    monthFirst: region ? MONTH_FIRST_REGIONS.has(region) : language === 'en',
    dollarCurrency:
      dollar && dollar !== 'GBP' && dollar !== 'INR' && dollar !== 'BRL' && dollar !== 'JPY' && dollar !== 'CNY' ? dollar : 'USD',
  };
}
