/**
 * The one line diff (longest common subsequence): the CLI shows transcript mismatches with it and
 * the studio's history compares two versions of a flow file. Common prefix and suffix are trimmed
 * first so a typical edit costs little; the O(n·m) table for the rest is capped so a huge input
 * cannot make the diff itself the slow part (past the cap: all removed, then all added).
 */

/** `-` only in the first text, `+` only in the second, ` ` in both. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A run of unchanged lines folded away by `foldUnchanged`. */
export interface DiffGap {
  op: '…';
  /** How many lines the gap stands for. */
  count: number;
}

const MAX_CELLS = 250_000;

export function diffLines(before: string[], after: string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (text: string): DiffLine => ({ op: ' ', text });
  return [
    ...before.slice(0, start).map(same),
    ...diffMiddle(before.slice(start, endA), after.slice(start, endB)),
    ...before.slice(endA).map(same),
  ];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const removed = (text: string): DiffLine => ({ op: '-', text });
  const added = (text: string): DiffLine => ({ op: '+', text });
  if (n * m > MAX_CELLS) return [...a.map(removed), ...b.map(added)];
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const below = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? below[j + 1]! + 1 : Math.max(below[j]!, row[j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions, as unified diffs show them.
      out.push(removed(a[i++]!));
    } else {
      out.push(added(b[j++]!));
    }
  }
  return out;
}

/** Keeps the changed lines with `context` unchanged lines around each; every other run becomes one gap. */
export function foldUnchanged(lines: DiffLine[], context = 3): Array<DiffLine | DiffGap> {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.op === ' ') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const out: Array<DiffLine | DiffGap> = [];
  let gap = 0;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      gap++;
      return;
    }
    if (gap > 0) out.push({ op: '…', count: gap });
    gap = 0;
    out.push(line);
  });
  if (gap > 0) out.push({ op: '…', count: gap });
  return out;
}
