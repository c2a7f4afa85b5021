/**
 * pathologicalSamples: production-shaped, hostile values for a dry run — the longest strings a
 * parameter allows (or 1,000 characters where it declares no limit), optionals left out so the
 * fallbacks apply, emoji with ZWJ sequences, right-to-left scripts, combining marks, numbers that
 * stretch locale formatting, far dates and long URLs. Each sample starts from the examples and
 * changes only what its label says; samples that would change nothing are left out.
 */
import { compileConverter } from '../convert';
import { exampleValues } from '../render/preview';
import { TEMPLATE_LIMITS } from '../limits';
import type { CurrencyValue, ParameterSpec, TemplateFile } from '../types';
import { parameterUses, type ParameterPlace } from '../usage';

export interface Sample {
  label: string;
  values: Record<string, unknown>;
}

/** Where no maxLength is declared, a long product title is the realistic worst case. */
const UNBOUNDED_TEXT = 1000;
const WORDS = 'Ultra Comfort Running Sneakers Limited Edition Blue ';
const TEXT_VARIANTS: Array<{ label: string; text: string }> = [
  { label: 'emoji and ZWJ sequences', text: '👩‍👩‍👧‍👦 Maya 🏳️‍🌈 🎉 ' },
  { label: 'right-to-left (Arabic)', text: 'مايا الحسن، سلة التسوق ' },
  { label: 'right-to-left (Hebrew)', text: 'מאיה כהן, עגלת קניות ' },
  { label: 'combining marks', text: 'Zoe\u0308 Ba\u0301rbara Nguye\u0302\u0303n ' },
];
const NUMBERS: Array<{ label: string; value: number }> = [
  { label: 'large number with decimals', value: 1234567.891 },
  { label: 'zero', value: 0 },
  { label: 'negative number', value: -42.5 },
];
const DATES: Array<{ label: string; value: string }> = [
  { label: 'far future date', value: '9999-12-31T23:59:59Z' },
  { label: 'far past date', value: '1900-01-01T00:00:00Z' },
];

/** `text` repeated or cut to at most `length` UTF-16 units (Meta's count), never splitting a surrogate pair. */
function fit(text: string, length: number): string {
  const points = Array.from(text);
  let out = '';
  for (let i = 0; points.length > 0; i = (i + 1) % points.length) {
    const next = points[i]!;
    if (out.length + next.length > length) break;
    out += next;
  }
  return out;
}

/** The longest `filler` (up to `limit`) the parameter accepts; binary search, as patterns such as {1,64} accept a prefix range. */
function longestAccepted(filler: string, limit: number, accepts: (value: string) => boolean): string | undefined {
  if (!accepts(fit(filler, 1))) return undefined;
  let lo = 1;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (accepts(fit(filler, mid))) lo = mid;
    else hi = mid - 1;
  }
  return fit(filler, lo);
}

interface TextParam {
  name: string;
  spec: ParameterSpec;
  /** URL suffixes and copy codes cannot hold spaces. */
  compact: boolean;
  limit: number;
  accepts: (value: string) => boolean;
}

function textParams(t: TemplateFile, language: string, places: Map<string, ParameterPlace[]>): TextParam[] {
  const params: TextParam[] = [];
  for (const [name, spec] of Object.entries(t.parameters ?? {})) {
    if (spec.type !== 'text' || spec.allowed) continue;
    const where = places.get(name) ?? [];
    const compact = where.includes('url_suffix') || where.includes('copy_code') || where.includes('otp');
    const limit = spec.maxLength ?? (where.includes('copy_code') ? TEMPLATE_LIMITS.couponCode : UNBOUNDED_TEXT);
    const convert = compileConverter(name, spec, language, 'any');
    params.push({ name, spec, compact, limit, accepts: (value) => convert(value).ok });
  }
  return params;
}

export function pathologicalSamples(t: TemplateFile, language: string): Sample[] {
  const content = t.languages[language];
  if (!content) return [];
  const examples = exampleValues(t);
  const places = new Map<string, ParameterPlace[]>();
  for (const use of parameterUses(content)) places.set(use.name, [...(places.get(use.name) ?? []), use.place]);
  const specs = Object.entries(t.parameters ?? {}).filter(([name]) => places.has(name));
  const samples: Sample[] = [{ label: 'examples', values: { ...examples } }];
  const add = (label: string, changes: Record<string, unknown>): void => {
    if (Object.keys(changes).length > 0) samples.push({ label, values: { ...examples, ...changes } });
  };
  const texts = textParams(t, language, places).filter((p) => places.has(p.name));

  // Longest allowed strings: a declared list's longest value, else as long as the limit lets it be.
  const longest: Record<string, unknown> = {};
  for (const [name, spec] of specs) {
    if (spec.allowed) longest[name] = [...spec.allowed].sort((a, b) => String(b).length - String(a).length)[0];
  }
  for (const p of texts) {
    const candidates = [p.compact ? 'A1b2C3d4' : WORDS, 'a', '7'].map((filler) => longestAccepted(filler, p.limit, p.accepts) ?? '');
    const value = candidates.sort((a, b) => b.length - a.length)[0];
    if (value) longest[p.name] = value;
  }
  add('longest allowed strings', longest);

  const empty: Record<string, unknown> = {};
  for (const [name, spec] of specs) if (spec.fallback !== undefined) empty[name] = '';
  add('empty optionals (fallbacks apply)', empty);

  for (const variant of TEXT_VARIANTS) {
    const changes: Record<string, unknown> = {};
    for (const p of texts) {
      if (p.compact) continue;
      const value = fit(variant.text, Math.min(p.limit, variant.text.length * 3)).trim();
      if (p.accepts(value)) changes[p.name] = value;
    }
    add(variant.label, changes);
  }

  for (const n of NUMBERS) {
    const changes: Record<string, unknown> = {};
    for (const [name, spec] of specs) {
      if (spec.type === 'number' && !spec.allowed) changes[name] = n.value;
      if (spec.type === 'currency') {
        const example = spec.example as CurrencyValue | number;
        const currency = typeof example === 'object' ? example.currency : spec.currency;
        changes[name] = currency ? { amount: n.value, currency } : n.value;
      }
    }
    add(n.label, changes);
  }

  for (const d of DATES) {
    const changes: Record<string, unknown> = {};
    for (const [name, spec] of specs) if (spec.type === 'date_time') changes[name] = d.value;
    add(d.label, changes);
  }

  const urls: Record<string, unknown> = {};
  for (const [name, spec] of specs) {
    if (spec.type === 'image' || spec.type === 'video' || spec.type === 'document') {
      const extension = { image: '.jpg', video: '.mp4', document: '.pdf' }[spec.type];
      urls[name] = `https://cdn.example.com/${fit('assets/', TEMPLATE_LIMITS.url - 30)}${extension}`;
    }
  }
  add('long URLs', urls);
  return samples;
}
