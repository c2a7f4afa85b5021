/**
 * Length-aware text helpers. Cuts happen on grapheme boundaries (never inside
 * an emoji or a surrogate pair) and lengths are counted the way Meta counts
 * them (UTF-16 units for WhatsApp/Messenger, UTF-8 bytes for Instagram).
 */
export type Measure = (s: string) => number;

export const utf16Length: Measure = (s) => s.length;
/** UTF-8 length without Buffer, so the builders also run in the browser (studio preview). */
export const utf8Bytes: Measure = (s) => {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3; // lone surrogates encode as U+FFFD (3 bytes)
  }
  return bytes;
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function firstGrapheme(s: string): string {
  for (const { segment } of segmenter.segment(s)) return segment;
  return s;
}

/** The longest grapheme prefix of `s` that measures at most `limit`. */
export function cutToLimit(s: string, limit: number, measure: Measure = utf16Length): string {
  if (measure(s) <= limit) return s;
  // Both measures are additive over graphemes, so sum as we go and stop early.
  let end = 0;
  let size = 0;
  for (const { segment, index } of segmenter.segment(s)) {
    size += measure(segment);
    if (size > limit) break;
    end = index + segment.length;
  }
  return s.slice(0, end);
}

/** Cut to `limit`, marking the cut with an ellipsis. */
export function truncate(s: string, limit: number, measure: Measure = utf16Length): string {
  if (measure(s) <= limit) return s;
  return cutToLimit(s, limit - measure('…'), measure).trimEnd() + '…';
}

/**
 * Fit every title within `limit` and make them pairwise distinct (Meta rejects
 * duplicate button titles, and a user could not tell two cut titles apart):
 * collisions get a ` (2)`, ` (3)`… suffix that also fits within the limit.
 */
export function uniqueTitles(titles: string[], limit: number, measure: Measure = utf16Length): string[] {
  const base = titles.map((t) => truncate(t.trim() === '' ? '-' : t.trim(), limit, measure));
  const used = new Set<string>();
  const seen = new Map<string, number>();
  return base.map((title) => {
    const key = title.toLowerCase();
    if (!used.has(key)) {
      used.add(key);
      seen.set(key, 1);
      return title;
    }
    let n = seen.get(key) ?? 1;
    let candidate: string;
    do {
      n += 1;
      const suffix = ` (${n})`;
      candidate = truncate(title, limit - measure(suffix), measure) + suffix;
    } while (used.has(candidate.toLowerCase()));
    seen.set(key, n);
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * Split text into chunks of at most `limit`, preferring paragraph breaks, then
 * line breaks, then spaces; only a single word longer than the limit is cut
 * mid-word (on a grapheme boundary). Whitespace at the cut is dropped.
 */
export function splitText(text: string, limit: number, measure: Measure = utf16Length): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (measure(rest) > limit) {
    // A single grapheme wider than the limit still has to go somewhere: send it alone.
    const head = cutToLimit(rest, limit, measure) || firstGrapheme(rest);
    const cut = bestBreak(head);
    const piece = (cut > 0 ? head.slice(0, cut) : head).trimEnd();
    // A stretch of pure whitespace is dropped, never sent as a blank message.
    if (piece.length > 0) chunks.push(piece);
    rest = rest.slice(cut > 0 ? cut : head.length).replace(/^\s+/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Index just after the best break point in `head`, or 0 when it has none worth using. */
function bestBreak(head: string): number {
  const minUseful = Math.floor(head.length / 3);
  for (const pattern of [/\n\s*\n/g, /\n/g, /\s/g]) {
    let last = -1;
    for (const m of head.matchAll(pattern)) last = m.index + m[0].length;
    if (last > minUseful) return last;
  }
  return 0;
}
