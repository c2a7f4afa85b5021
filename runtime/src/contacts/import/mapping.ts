/**
 * Which CSV column fills which contact attribute. A mapping names columns by their header text;
 * columns it does not name are mapped by their own header when that is an attribute
 * (`phone`, `name`, `fields.plan`, `consent.marketing`…), and `ignore` silences a column.
 */
import type { CustomFieldDefinition } from '@parley/contract';
import type { ImportMapping } from '@parley/contract/api';

const IMPORT_ATTRIBUTES = [
  'phone',
  'address',
  'name',
  'language',
  'timezone',
  'tags',
  'consent.marketing',
  'consent.utility',
  'consent.wording',
  'consent.at',
] as const;

type FixedAttribute = (typeof IMPORT_ATTRIBUTES)[number];
/** `address` is stored for both `phone` and `address`. */
type ImportAttribute = Exclude<FixedAttribute, 'phone'> | `fields.${string}`;

export interface MappedColumn {
  /** Position in each record. */
  index: number;
  /** The header's text, as problems name the column. */
  column: string;
  attribute: ImportAttribute;
}

export interface ResolvedMapping {
  columns: MappedColumn[];
  /** Header columns neither mapped nor named like an attribute (reported once, not imported). */
  unknown: string[];
}

/** The mapping or the file's header is unusable: nothing can be imported. */
export class ImportMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportMappingError';
  }
}

/** `col=attr,col2=attr2` (the CLI's --map); a column name may not contain `=` or `,`. */
export function parseMapOption(text: string): ImportMapping {
  const mapping: ImportMapping = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq <= 0 || eq === part.length - 1)
      throw new ImportMappingError(`--map: "${part.trim()}" is not column=attribute (e.g. "Mobile=phone,Opt-in=consent.marketing")`);
    mapping[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return mapping;
}

const ATTRIBUTE_LIST = `${IMPORT_ATTRIBUTES.join(', ')}, fields.<key> or ignore`;

function attributeOf(name: string, fields: ReadonlyMap<string, CustomFieldDefinition>): ImportAttribute | 'ignore' | null {
  const lower = name.trim().toLowerCase();
  if (lower === 'ignore') return 'ignore';
  if (lower === 'phone' || lower === 'address') return 'address';
  if ((IMPORT_ATTRIBUTES as readonly string[]).includes(lower)) return lower as ImportAttribute;
  if (lower.startsWith('fields.')) {
    const key = name.trim().slice('fields.'.length);
    return fields.has(key) ? `fields.${key}` : null;
  }
  return null;
}

/** Matches the header against the mapping; throws `ImportMappingError` naming what is wrong. */
export function resolveMapping(
  header: readonly string[],
  mapping: ImportMapping | undefined,
  fieldDefs: readonly CustomFieldDefinition[],
): ResolvedMapping {
  const fields = new Map(fieldDefs.map((d) => [d.key, d]));
  const headerNames = header.map((h) => h.trim());
  for (const column of Object.keys(mapping ?? {})) {
    if (!headerNames.includes(column.trim()))
      throw new ImportMappingError(
        `the mapping names column "${column}", which the file does not have (its columns: ${headerNames.join(', ')})`,
      );
  }
  const mapped = new Map(Object.entries(mapping ?? {}).map(([column, attr]) => [column.trim(), attr]));
  const columns: MappedColumn[] = [];
  const unknown: string[] = [];
  const taken = new Map<ImportAttribute, string>();
  headerNames.forEach((column, index) => {
    const explicit = mapped.get(column);
    const attribute = attributeOf(explicit ?? column, fields);
    if (explicit !== undefined && attribute === null) {
      const why = explicit.trim().startsWith('fields.')
        ? `no custom field "${explicit.trim().slice(7)}" is defined${fields.size ? ` (defined: ${[...fields.keys()].join(', ')})` : ''}`
        : `expected one of ${ATTRIBUTE_LIST}`;
      throw new ImportMappingError(`column "${column}" is mapped to "${explicit}": ${why}`);
    }
    if (attribute === 'ignore') return;
    if (attribute === null) {
      if (column !== '') unknown.push(column);
      return;
    }
    const other = taken.get(attribute);
    if (other !== undefined)
      throw new ImportMappingError(`columns "${other}" and "${column}" are both mapped to ${attribute}: map one of them to ignore`);
    taken.set(attribute, column);
    columns.push({ index, column, attribute });
  });
  if (!taken.has('address'))
    throw new ImportMappingError(
      `no column holds the phone number or address: name one "phone" or map it (e.g. --map "Mobile=phone"); the file's columns: ${headerNames.join(', ')}`,
    );
  return { columns, unknown };
}
