/** Typo tolerance for keywords: optimal string alignment distance with an early exit. */

/** Edit distance (insert, delete, substitute, swap neighbours), or max+1 once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/** Typos allowed for a word of this length: none for short words ("no" vs "so"), one from 5 letters, two from 9. */
function typoBudget(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Whether `phrase` (normalized words) occurs in `tokens`, exactly or within the typo budget per word. */
export function findPhrase(tokens: readonly string[], phrase: readonly string[]): { exact: boolean } | undefined {
  if (phrase.length === 0 || phrase.length > tokens.length) return undefined;
  let fuzzy = false;
  for (let start = 0; start + phrase.length <= tokens.length; start++) {
    let ok = true;
    let typo = false;
    for (let k = 0; k < phrase.length && ok; k++) {
      const want = phrase[k] as string;
      const got = tokens[start + k] as string;
      if (want === got) continue;
      const budget = typoBudget(want);
      if (budget > 0 && editDistance(want, got, budget) <= budget) typo = true;
      else ok = false;
    }
    if (ok && !typo) return { exact: true };
    if (ok) fuzzy = true;
  }
  return fuzzy ? { exact: false } : undefined;
}
