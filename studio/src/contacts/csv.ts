/**
 * The import wizard's look at a CSV file before it is sent: the first rows parsed in the browser
 * (quotes, doubled quotes, commas/semicolons/tabs, CRLF) and a first guess of what each column
 * holds from its header. The server parses the whole file again, streaming; this is only a preview.
 */

/** What a column can be mapped to (the runtime's ImportMapping values); '' ignores the column. */
export const BASE_ATTRIBUTES: { value: string; label: string }[] = [
  { value: '', label: 'Ignore this column' },
  { value: 'phone', label: 'Phone number' },
  { value: 'name', label: 'Name' },
  { value: 'language', label: 'Language' },
  { value: 'timezone', label: 'Time zone' },
  { value: 'tags', label: 'Tags (separated by ;)' },
  { value: 'consent.marketing', label: 'Marketing consent (yes/no)' },
  { value: 'consent.utility', label: 'Utility consent (yes/no)' },
  { value: 'consent.wording', label: 'Consent wording' },
  { value: 'consent.at', label: 'Consent date' },
];

export interface CsvPreview {
  headers: string[];
  rows: string[][];
  delimiter: string;
}

/** The delimiter used most on the header line (outside quotes). */
function guessDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.d : ',';
}

/** Parses up to `maxRows` records after the header; a partial last line (a cut chunk) is dropped. */
export function parseCsvHead(text: string, maxRows = 20, complete = false): CsvPreview {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = guessDelimiter(body.split(/\r?\n/, 1)[0] ?? '');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  for (; i < body.length && records.length <= maxRows; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
    } else field += ch;
  }
  // The last record without a line break counts only when the whole file was read.
  if (complete && i >= body.length && (field !== '' || record.length > 0)) records.push([...record, field]);
  const [headers = [], ...rows] = records;
  return { headers: headers.map((h) => h.trim()), rows: rows.slice(0, maxRows), delimiter };
}

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const GUESSES: [RegExp, string][] = [
  [/^(phone|phone number|mobile|cell|whatsapp|msisdn|number|tel|telephone|telefone|telefono|celular|wa id)$/, 'phone'],
  [/^(address|contact address)$/, 'phone'],
  [/^(name|full name|first name|customer|customer name|nome|nombre|nom)$/, 'name'],
  [/^(language|lang|locale|idioma|lingua|langue)$/, 'language'],
  [/^(timezone|time zone|tz|zone)$/, 'timezone'],
  [/^(tags|tag|labels|groups)$/, 'tags'],
  [/^(consent wording|wording|opt in text|optin text|consent text)$/, 'consent.wording'],
  [/^(consent at|consent date|opted in at|opt in date|optin date|consent time)$/, 'consent.at'],
  [/^(utility consent|consent utility|utility)$/, 'consent.utility'],
  [/(marketing|opt ?in|optin|consent|subscribed|newsletter)/, 'consent.marketing'],
];

/** A first guess per header: an attribute, a custom field by key or label, or '' (ignored). Each attribute once. */
export function guessMapping(headers: string[], fieldKeys: { key: string; label: string }[] = []): string[] {
  const taken = new Set<string>();
  return headers.map((h) => {
    const n = norm(h);
    const field = fieldKeys.find((f) => norm(f.key) === n || norm(f.label) === n);
    const guess = field ? `fields.${field.key}` : (GUESSES.find(([re]) => re.test(n))?.[1] ?? '');
    if (!guess || taken.has(guess)) return '';
    taken.add(guess);
    return guess;
  });
}

/** The problems with a mapping before anything is sent, in plain words; [] when it can be sent. */
export function mappingProblems(mapping: string[], headers: string[], wording: string): string[] {
  const problems: string[] = [];
  if (!mapping.includes('phone')) problems.push('Map one column to Phone number: it is how contacts are matched.');
  const seen = new Map<string, string>();
  mapping.forEach((m, i) => {
    if (!m) return;
    const before = seen.get(m);
    if (before !== undefined) problems.push(`Columns “${before}” and “${headers[i]}” are both mapped to ${m}; keep one.`);
    else seen.set(m, headers[i] ?? '');
  });
  if (mapping.includes('consent.marketing') && !mapping.includes('consent.wording') && !wording.trim())
    problems.push('Marketing consent needs the wording people agreed to: write it in Consent wording or map a column to it.');
  return problems;
}

/**
 * The mapping as the API takes it: column name → attribute, and `ignore` for a column left out
 * (the runtime would otherwise map a column named like an attribute by its header, or report it as unknown).
 */
export function toImportMapping(headers: string[], mapping: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((h, i) => {
    out[h] = mapping[i] || 'ignore';
  });
  return out;
}
