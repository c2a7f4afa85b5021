/**
 * Regex matches with a ceiling. A chat message carries a handful of amounts, dates or numbers;
 * a pasted table of figures carries hundreds, and reading each one (locale parsing, calendar
 * arithmetic, overlap resolution) is what made an entity-packed message the slowest input of all.
 * Past MAX_MATCHES of one kind, the rest of the message is not read for that kind.
 */
export const MAX_MATCHES = 16;

export function* limitedMatches(text: string, re: RegExp, limit = MAX_MATCHES): Generator<RegExpExecArray> {
  let count = 0;
  for (const match of text.matchAll(re)) {
    if (count++ >= limit) return;
    yield match;
  }
}
