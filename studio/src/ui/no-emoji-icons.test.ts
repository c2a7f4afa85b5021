/**
 * Emoji and dingbat glyphs render as empty boxes where no emoji font is
 * installed (headless Chromium on Debian, many Linux desktops), so the studio
 * draws its icons with lucide-react. This scan fails when one comes back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../', import.meta.url));
// Emoji and pictographs, misc symbols + dingbats (✕ ✓ ⛔ ⚠ ✏), misc symbols and arrows (⬆ ⭐),
// the curved/circle arrows (↶ ↷ ↺) and the emoji variation selector. Plain ← → stay allowed in text.
const ICON_GLYPH = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{21A9}-\u{21FF}\u{2300}-\u{23FF}]|\u{FE0F}/u;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|css)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('studio icons', () => {
  it('no studio source uses an emoji or symbol glyph as an icon', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Comments may name keys (⌘); only what reaches the screen counts.
          if (/^\s*(\/\/|\/?\*)/.test(line)) return;
          const m = ICON_GLYPH.exec(line);
          if (m) found.push(`${file.slice(SRC.length)}:${i + 1}: ${m[0]}  ${line.trim().slice(0, 80)}`);
        });
    }
    expect(found, 'use a lucide-react icon instead').toEqual([]);
  });

  it('the scan would catch an emoji icon', () => {
    expect(ICON_GLYPH.test("icon: '💬',")).toBe(true);
    expect(ICON_GLYPH.test('>✕</button>')).toBe(true);
    expect(ICON_GLYPH.test('>↶ Undo<')).toBe(true);
    expect(ICON_GLYPH.test('Variable ← path')).toBe(false);
  });
});
