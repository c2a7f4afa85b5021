/**
 * Text is well-formed Unicode everywhere: a lone UTF-16 surrogate breaks every JSON parser
 * that validates escapes (Redis's cjson among them) and renders as garbage on the phone. So
 * inbound text is repaired once (`wellFormed`) and every cut of text lands between graphemes
 * (`cutAtGrapheme`), never inside an emoji, a flag, a ZWJ sequence or before a combining mark.
 */

/** Node ≥ 20 and current browsers have these (ES2024); the repo's lib typings stop at ES2023. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

export function isWellFormed(s: string): boolean {
  return (s as unknown as WellFormedString).isWellFormed();
}

/** `s` with every lone surrogate replaced by U+FFFD (the same string when there is none). */
export function wellFormed(s: string): string {
  return isWellFormed(s) ? s : (s as unknown as WellFormedString).toWellFormed();
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The longest prefix of `s` of at most `maxUnits` UTF-16 code units that ends on a grapheme
 * boundary. A first grapheme longer than `maxUnits` yields ''.
 */
export function cutAtGrapheme(s: string, maxUnits: number): string {
  if (s.length <= maxUnits) return s;
  // Segmenting is lazy: only the graphemes up to the limit are visited. (Segmenting a window near
  // the limit would be wrong: flags pair regional indicators counted from the start of the run.)
  let end = 0;
  for (const { segment, index } of segmenter.segment(s)) {
    const stop = index + segment.length;
    if (stop > maxUnits) break;
    end = stop;
  }
  return s.slice(0, end);
}

/** A short preview for messages ("text \"abc…\""), cut on a grapheme boundary. */
export function preview(s: string, maxUnits = 20): string {
  return s.length > maxUnits ? `${cutAtGrapheme(s, maxUnits)}…` : s;
}
