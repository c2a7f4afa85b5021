/**
 * The small part of JSON Schema the inspector needs to draw a form: resolve
 * `$ref`s into the flow schema's `$defs` and decide which widget a field gets.
 * The UI hint layer (per node editor) can override any decision by field path.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  $defs?: Record<string, JsonSchema>;
}

export type Widget =
  | 'text'
  | 'textarea'
  | 'template'
  | 'localized'
  | 'variable'
  | 'duration'
  | 'identifier'
  | 'number'
  | 'boolean'
  | 'select'
  | 'object'
  | 'list'
  | 'stringList'
  | 'keyValue'
  | 'routeTest'
  | 'intent'
  | 'flowRef'
  | 'json'
  | 'hidden';

export interface FieldHint {
  widget?: Widget;
  label?: string;
  help?: string;
  placeholder?: string;
  /** Shown as a live counter; over the limit is flagged while typing (WhatsApp limits). */
  maxLength?: number;
  /** Lower numbers first; fields without order keep schema order after ordered ones. */
  order?: number;
  /** Collapsed into an "Advanced" group. */
  advanced?: boolean;
  /** For lists: how to label one item ("Button"). */
  itemLabel?: string;
}

/** Field path → hint. Paths use dots and `*` for any array index: "buttons.*.title". */
export type UiHints = Record<string, FieldHint>;

/** `$defs` names of the flow schema that imply a widget, whatever the field is called. */
const DEF_WIDGETS: Record<string, Widget> = {
  localizedText: 'localized',
  template: 'template',
  variableName: 'variable',
  duration: 'duration',
  identifier: 'identifier',
  routeTest: 'routeTest',
  label: 'text',
  flowId: 'flowRef',
  intentName: 'intent',
};

/**
 * Help for fields of a shared `$defs` type. The schema's own descriptions are
 * written for developers ("A string … or an object mapping language codes…"),
 * so the form says it in a marketer's words instead.
 */
export const DEF_HELP: Record<string, string> = {
  localizedText: 'One text per language of the flow. Use {{variable}} to insert what you know about the customer.',
  template: 'Use {{variable}} to insert what you know about the customer.',
  duration: 'A length of time, e.g. 30s, 15m, 2h or 1d.',
  identifier: 'Letters, digits and _ . : - only; it names a connection.',
  variableName: 'A variable of this flow (letters, digits and _).',
  languageCode: 'A language code such as en or pt-BR.',
  flowId: 'Another flow of this studio.',
};

export class SchemaResolver {
  constructor(private readonly defs: Record<string, JsonSchema>) {}

  /** Follows `$ref` (local `#/$defs/x` or `../flow.schema.json#/$defs/x`), merging sibling keywords. */
  resolve(schema: JsonSchema | undefined): { schema: JsonSchema; defName?: string } {
    if (!schema) return { schema: {} };
    let current = schema;
    let defName: string | undefined;
    for (let hops = 0; current.$ref && hops < 10; hops++) {
      const m = /#\/\$defs\/([^/]+)$/.exec(current.$ref);
      const name = m?.[1];
      const target = name ? this.defs[name] : undefined;
      const { $ref: _drop, ...siblings } = current;
      defName ??= name;
      if (!target) return { schema: siblings, ...(defName ? { defName } : {}) };
      current = { ...target, ...siblings };
    }
    return { schema: current, ...(defName ? { defName } : {}) };
  }

  widgetFor(raw: JsonSchema | undefined, hint?: FieldHint): { widget: Widget; schema: JsonSchema } {
    const { schema, defName } = this.resolve(raw);
    if (hint?.widget) return { widget: hint.widget, schema };
    if (defName && DEF_WIDGETS[defName]) return { widget: DEF_WIDGETS[defName]!, schema };
    if (schema.enum) return { widget: 'select', schema };
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string':
        return { widget: (schema.maxLength ?? 0) > 300 ? 'textarea' : 'text', schema };
      case 'integer':
      case 'number':
        return { widget: 'number', schema };
      case 'boolean':
        return { widget: 'boolean', schema };
      case 'array': {
        const item = this.resolve(schema.items).schema;
        const itemType = Array.isArray(item.type) ? item.type[0] : item.type;
        return { widget: itemType === 'object' ? 'list' : 'stringList', schema };
      }
      case 'object':
        if (schema.properties) return { widget: 'object', schema };
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return { widget: 'keyValue', schema };
        return { widget: 'json', schema };
      default:
        return { widget: 'json', schema };
    }
  }
}

export function hintFor(hints: UiHints | undefined, path: ReadonlyArray<string | number>): FieldHint | undefined {
  if (!hints) return undefined;
  const key = path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
  return hints[key];
}

/** Human label from a property name: "retryPrompt" → "Retry prompt". */
export function humanize(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Properties in display order: hinted order first, then schema order; hidden ones dropped. */
export function orderedProperties(schema: JsonSchema, hints: UiHints | undefined, base: ReadonlyArray<string | number>): string[] {
  const names = Object.keys(schema.properties ?? {});
  const withOrder = names.map((n, i) => ({ n, i, h: hintFor(hints, [...base, n]) }));
  return withOrder
    .filter((x) => x.h?.widget !== 'hidden')
    .sort((a, b) => (a.h?.order ?? 1000 + a.i) - (b.h?.order ?? 1000 + b.i))
    .map((x) => x.n);
}

/** A blank value for a new list item, filling required fields so the result validates. */
export function blankValue(resolver: SchemaResolver, raw: JsonSchema | undefined, newId?: string): unknown {
  const { schema, defName } = resolver.resolve(raw);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (defName === 'routeTest') return { op: 'has_any_word', args: [] };
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? []) {
      out[key] = key === 'id' && newId ? newId : blankValue(resolver, schema.properties[key]);
    }
    return out;
  }
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return schema.minimum ?? 0;
  if (type === 'boolean') return false;
  return '';
}
