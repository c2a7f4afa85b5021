/** Labelled utterances from `text,intent` CSV files (RFC 4180, via csv-parse). */
import { parse } from 'csv-parse/sync';

export interface LabelledUtterance {
  text: string;
  intent: string;
}

export class CsvFormatError extends Error {}

/**
 * Parses CSV content with a header containing `text` and `intent` columns; `source` names the
 * file in errors. Out-of-scope sets may leave out `intent` (pass requireIntent: false).
 */
export function parseLabelledCsv(content: string, source = 'csv', options: { requireIntent?: boolean } = {}): LabelledUtterance[] {
  const requireIntent = options.requireIntent ?? true;
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, bom: true, trim: false, relax_column_count: false });
  } catch (error) {
    throw new CsvFormatError(`${source}: not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new CsvFormatError(`${source}: no rows (expected a header "text,intent" and at least one row)`);
  const first = records[0] as Record<string, string>;
  if (!('text' in first) || (requireIntent && !('intent' in first))) {
    throw new CsvFormatError(`${source}: header must contain "text" and "intent" columns, found: ${Object.keys(first).join(', ')}`);
  }
  return records.map((row, i) => {
    const text = row.text ?? '';
    const intent = (row.intent ?? '').trim();
    if (!intent && requireIntent) throw new CsvFormatError(`${source}: row ${i + 2}: empty intent`);
    return { text, intent };
  });
}
