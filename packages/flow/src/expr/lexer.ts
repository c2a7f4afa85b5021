/**
 * Tokenizer for the expression language. Produces a flat token list or an error;
 * never throws.
 */
import type { ExprError } from './ast';

type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Parsed value for numbers and strings. */
  value?: number | string;
  pos: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '='];
const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

function isIdentStart(ch: string): boolean {
  return /[\p{L}_$]/u.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(ch);
}

export function tokenize(source: string): { tokens: Token[] } | { error: ExprError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    // ".5" is a number, but in "items.1" the dot is member access.
    const previous = tokens[tokens.length - 1];
    const afterValue =
      previous !== undefined &&
      (previous.kind === 'ident' || (previous.kind === 'punct' && (previous.text === ')' || previous.text === ']')));
    if (/[0-9]/.test(ch) || (ch === '.' && !afterValue && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 64));
      const text = match ? match[0] : ch;
      tokens.push({ kind: 'number', text, value: Number(text), pos: start });
      i += text.length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < source.length) {
        const c = source[i]!;
        if (c === ch) {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < source.length) {
          const next = source[i + 1]!;
          value += ESCAPES[next] ?? next;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      if (!closed) return { error: { message: `unterminated string starting at ${start}`, pos: start } };
      tokens.push({ kind: 'string', text: source.slice(start, i), value, pos: start });
      continue;
    }
    if (isIdentStart(ch)) {
      while (i < source.length && isIdentPart(source[i]!)) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), pos: start });
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos: start });
      i += op.length;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos: start });
      i++;
      continue;
    }
    return { error: { message: `unexpected character '${ch}' at ${start}`, pos: start } };
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return { tokens };
}
