/**
 * Flow authors write patterns the way JavaScript spells them (the docs, the studio and most
 * tutorials do); RE2 spells a few things differently. This rewrites those few before RE2 reads
 * the pattern, so a pattern means what it meant when flows ran on JavaScript's RegExp:
 *
 * - `\uXXXX` and `\u{X…}` become RE2's `\x{X…}` (RE2 has no `\u`).
 * - `\s` and `\S` keep JavaScript's Unicode whitespace: RE2's `\s` is ASCII only, so a
 *   no-break space pasted from a phone would otherwise stop counting as a space. Inside a
 *   character class `\S` cannot be widened (RE2 has no class intersection) and stays ASCII.
 *
 * It only rewrites escapes; anything else is left for RE2 to accept or reject.
 */

/** JavaScript's `\s`, in RE2 class syntax. */
const JS_WHITESPACE = String.raw`\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`;

const HEX4 = /^[0-9a-fA-F]{4}$/;
const BRACED_HEX = /^\{([0-9a-fA-F]{1,6})\}/;

export function toRe2Spelling(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === 'u') {
        const four = pattern.slice(i + 2, i + 6);
        const braced = BRACED_HEX.exec(pattern.slice(i + 2, i + 11));
        if (HEX4.test(four)) {
          out += `\\x{${four}}`;
          i += 5;
          continue;
        }
        if (braced) {
          out += `\\x{${braced[1]}}`;
          i += 1 + braced[0].length;
          continue;
        }
      } else if (next === 's') {
        out += inClass ? JS_WHITESPACE : `[${JS_WHITESPACE}]`;
        i++;
        continue;
      } else if (next === 'S' && !inClass) {
        out += `[^${JS_WHITESPACE}]`;
        i++;
        continue;
      }
      // Any other escape (including "\\" and "\]") is copied whole, so its second character is never read as syntax.
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass && ch === '[' && pattern[i + 1] === ':') {
      // A POSIX class such as [:alpha:] inside brackets: its "]" does not close the outer class.
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) {
        out += pattern.slice(i, end + 2);
        i = end + 1;
        continue;
      }
    }
    if (!inClass && ch === '[') inClass = true;
    else if (inClass && ch === ']') inClass = false;
    out += ch;
  }
  return out;
}
