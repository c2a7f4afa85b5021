/**
 * The docs build check: every ```expr / ```template example in docs/expressions.md is
 * evaluated and compared with the ```result block that follows it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { renderTemplate } from './template';

const DOC = fileURLToPath(new URL('../../../../docs/expressions.md', import.meta.url));
const OPTIONS = { now: Date.parse('2026-03-01T10:00:00Z'), timezone: 'UTC', locale: 'en' };

interface Block {
  lang: string;
  body: string;
  line: number;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const fence = /^```(?!`)(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    found.push({ lang: match[1]!, body: match[2]!.replace(/\n$/, ''), line: markdown.slice(0, match.index).split('\n').length });
  }
  return found;
}

const all = blocks(readFileSync(DOC, 'utf8'));
const scopeBlock = all.find((b) => b.lang === 'scope');
const scope = JSON.parse(scopeBlock?.body ?? '{}') as Record<string, unknown>;
const examples = all.flatMap((block, i) => {
  if (block.lang !== 'expr' && block.lang !== 'template') return [];
  return [{ block, result: all[i + 1] }];
});

describe('docs/expressions.md examples', () => {
  it('has a scope and a good number of examples, each followed by its result', () => {
    expect(scopeBlock).toBeDefined();
    expect(examples.length).toBeGreaterThanOrEqual(25);
    for (const { block, result } of examples)
      expect(result?.lang, `line ${block.line}: the next block must be \`\`\`result`).toBe('result');
  });

  for (const { block, result } of examples) {
    it(`line ${block.line}: ${block.body.split('\n')[0]}`, () => {
      const expected = result!.body.trim();
      if (block.lang === 'template') {
        const rendered = renderTemplate(block.body, scope, OPTIONS);
        expect(JSON.stringify(rendered.text)).toBe(expected);
        return;
      }
      const outcome = evaluate(block.body, scope, OPTIONS);
      if (expected.startsWith('error: ')) {
        expect(outcome.error?.message).toBe(expected.slice('error: '.length));
      } else {
        expect(outcome.error, outcome.error?.message).toBeUndefined();
        const value = JSON.parse(expected) as unknown;
        if (typeof value === 'number') expect(outcome.value).toBeCloseTo(value, 10);
        else expect(outcome.value).toEqual(value);
      }
    });
  }
});
