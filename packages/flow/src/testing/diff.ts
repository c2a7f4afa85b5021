/**
 * A small line diff (longest common subsequence) for transcripts. Transcripts are short
 * (tens of lines), so the quadratic table is cheap; it is capped anyway so a huge test
 * cannot make the diff itself the slow part.
 */
import type { DiffLine } from './types';

const MAX_CELLS = 250_000;

export function diffLines(expected: string[], actual: string[]): DiffLine[] {
  const n = expected.length;
  const m = actual.length;
  if (n * m > MAX_CELLS) {
    // Too large to align: show everything expected as removed and everything actual as added.
    return [...expected.map((text) => ({ op: '-' as const, text })), ...actual.map((text) => ({ op: '+' as const, text }))];
  }
  // lcs[i][j] = length of the LCS of expected[i..] and actual[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const below = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = expected[i] === actual[j] ? below[j + 1]! + 1 : Math.max(below[j]!, row[j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (expected[i] === actual[j]) {
      out.push({ op: ' ', text: expected[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: '-', text: expected[i]! });
      i++;
    } else {
      out.push({ op: '+', text: actual[j]! });
      j++;
    }
  }
  while (i < n) out.push({ op: '-', text: expected[i++]! });
  while (j < m) out.push({ op: '+', text: actual[j++]! });
  return out;
}

export interface FormatDiffOptions {
  /** ANSI colors (only when writing to a TTY). */
  color?: boolean;
  /** Unchanged lines kept around each change; the rest are folded. Default 3. */
  context?: number;
}

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/** Unified-diff style text: "- expected" / "+ actual" with folded unchanged runs. */
export function formatDiff(lines: DiffLine[], options: FormatDiffOptions = {}): string {
  const context = options.context ?? 3;
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.op === ' ') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const out: string[] = [paint(RED, '- expected') + '  ' + paint(GREEN, '+ actual')];
  let folded = 0;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      folded++;
      return;
    }
    if (folded > 0) {
      out.push(paint(DIM, `  … ${folded} matching line${folded === 1 ? '' : 's'}`));
      folded = 0;
    }
    if (line.op === '-') out.push(paint(RED, `- ${line.text}`));
    else if (line.op === '+') out.push(paint(GREEN, `+ ${line.text}`));
    else out.push(`  ${line.text}`);
  });
  if (folded > 0) out.push(paint(DIM, `  … ${folded} matching line${folded === 1 ? '' : 's'}`));
  return out.join('\n');
}
