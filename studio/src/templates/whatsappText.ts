/**
 * WhatsApp's inline formatting as the app shows it: *bold*, _italic_, ~strikethrough~ and
 * ```monospace```. A marker counts only when it hugs non-space text on both inner sides and is not
 * inside a word, as in WhatsApp, so "2 * 3 * 4" and snake_case_name stay plain. No nesting (WhatsApp nests, previews rarely need it).
 */
export type Span = { style: 'plain' | 'bold' | 'italic' | 'strike' | 'mono'; text: string };

const STYLE: Record<string, Span['style']> = { '*': 'bold', _: 'italic', '~': 'strike', '```': 'mono' };
const MARKED = /```([^`]+?)```|(?<![\p{L}\p{N}])([*_~])(\S(?:[^\n]*?\S)?)\2(?![\p{L}\p{N}])/gu;

export function whatsappSpans(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKED)) {
    const start = m.index;
    if (start > last) spans.push({ style: 'plain', text: text.slice(last, start) });
    if (m[1] !== undefined) spans.push({ style: 'mono', text: m[1] });
    else spans.push({ style: STYLE[m[2]!] ?? 'plain', text: m[3]! });
    last = start + m[0].length;
  }
  if (last < text.length) spans.push({ style: 'plain', text: text.slice(last) });
  return spans;
}
