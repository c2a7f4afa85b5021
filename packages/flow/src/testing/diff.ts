/** Transcript mismatches as text for the terminal, from the package's one line diff (`format/line-diff`). */
import { foldUnchanged, type DiffLine } from '../format/line-diff';

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
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const out: string[] = [paint(RED, '- expected') + '  ' + paint(GREEN, '+ actual')];
  for (const line of foldUnchanged(lines, options.context ?? 3)) {
    if (line.op === '…') out.push(paint(DIM, `  … ${line.count} matching line${line.count === 1 ? '' : 's'}`));
    else if (line.op === '-') out.push(paint(RED, `- ${line.text}`));
    else if (line.op === '+') out.push(paint(GREEN, `+ ${line.text}`));
    else out.push(`  ${line.text}`);
  }
  return out.join('\n');
}
