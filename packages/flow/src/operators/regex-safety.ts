/**
 * Flow regexes are compiled once, always case-insensitive and unicode, and screened for
 * shapes that backtrack catastrophically: a quantified group that itself contains an
 * unbounded quantifier ("(a+)+", "(\w*\s?)*") or overlapping alternatives ("(a|ab)*"),
 * and backreferences. The screen is deliberately conservative: a rejected pattern can
 * always be rewritten in a linear form.
 */
export const MAX_PATTERN_LENGTH = 500;
/** Text beyond this is not searched: chat messages are short and this bounds the work. */
export const MAX_SUBJECT_LENGTH = 2_000;

const compiled = new Map<string, RegExp>();

interface Group {
  unbounded: boolean;
  alternatives: string[];
  current: string;
}

function quantifierAt(pattern: string, i: number): { unbounded: boolean; length: number } | undefined {
  const ch = pattern[i];
  if (ch === '*' || ch === '+') return { unbounded: true, length: pattern[i + 1] === '?' ? 2 : 1 };
  if (ch === '?') return { unbounded: false, length: 1 };
  if (ch === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 20));
    if (!match) return undefined;
    const upper = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    return { unbounded: upper > 10, length: match[0].length };
  }
  return undefined;
}

function overlapping(alternatives: string[]): boolean {
  const firsts = alternatives.map((alt) => alt.slice(0, 1).toLowerCase());
  return firsts.some((first, i) => first !== '' && firsts.indexOf(first) !== i);
}

/** Why the pattern is unsafe or invalid, or null when it can be used. */
export function checkPattern(pattern: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`;
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    return `the pattern does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
  const stack: Group[] = [{ unbounded: false, alternatives: [], current: '' }];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const top = stack[stack.length - 1]!;
    if (ch === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'backreferences are not allowed (they can backtrack without bound)';
      top.current += pattern.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      top.current += pattern.slice(i, j + 1);
      i = j;
    } else if (ch === '(') {
      stack.push({ unbounded: false, alternatives: [], current: '' });
      // Skip the group's kind marker so "(?:a|ab)" is read as the alternatives "a" and "ab".
      const marker = /^\?(?::|=|!|<=|<!|<[\p{L}_$][\p{L}\p{N}_$]*>)/u.exec(pattern.slice(i + 1, i + 40));
      if (marker) i += marker[0].length;
    } else if (ch === '|') {
      top.alternatives.push(top.current);
      top.current = '';
    } else if (ch === ')') {
      const group = stack.pop()!;
      group.alternatives.push(group.current);
      const parent = stack[stack.length - 1];
      if (!parent) return 'the pattern has an unmatched ")"';
      const quantifier = quantifierAt(pattern, i + 1);
      if (quantifier?.unbounded) {
        if (group.unbounded) return `nested repetition near position ${i} (like "(a+)+") can take exponential time; repeat a single unit instead`;
        if (group.alternatives.length > 1 && overlapping(group.alternatives)) {
          return `repeated alternatives that start alike near position ${i} (like "(a|ab)*") can take exponential time`;
        }
      }
      parent.unbounded ||= group.unbounded || Boolean(quantifier?.unbounded);
      parent.current += 'g';
      if (quantifier) i += quantifier.length;
    } else {
      const quantifier = quantifierAt(pattern, i);
      if (quantifier) {
        top.unbounded ||= quantifier.unbounded;
        i += quantifier.length - 1;
      } else {
        top.current += ch;
      }
    }
  }
  return null;
}

/** The compiled pattern (cached), or undefined when it is unsafe or invalid. */
export function compilePattern(pattern: string): RegExp | undefined {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  if (checkPattern(pattern) !== null) return undefined;
  const regex = new RegExp(pattern, 'iu');
  if (compiled.size > 1_000) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}
