/**
 * The TypeScript type of each node type, generated from its JSON Schema fragment
 * (`schemas/nodes/<type>.schema.json`) with json-schema-to-typescript, so the schema is the
 * one source of a node's shape. Written to `src/nodes/<type>/node.generated.ts`, with
 * `src/nodes/node-types.generated.ts` (the `FlowNode` union), by `generate-node-types.ts`;
 * `src/nodes/node-types.test.ts` fails while a file is stale.
 *
 * The fragments `$ref` the flow schema's shared definitions. Those with a hand-named type in
 * `src/schema-defs.ts` (LocalizedText, Button…) become references to it; the plain ones (identifier,
 * variableName, template…) are strings. Nested shapes that other code names (MediaRef,
 * ListRow…) get their name here, on an in-memory copy: names are a TypeScript concern, and a
 * `title` in the fragment itself would show in the studio's generated forms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { format } from 'prettier';

export const REGENERATE_COMMAND = 'npx tsx packages/flow/scripts/generate-node-types.ts';

const schemasDir = new URL('../../../schemas/', import.meta.url);
const nodesDir = new URL('../src/nodes/', import.meta.url);

/** Shared flow-schema definitions that keep their hand-written name (src/schema-defs.ts, re-exported by src/types.ts). */
const NAMED_DEFINITIONS: Readonly<Record<string, string>> = {
  localizedText: 'LocalizedText',
  duration: 'Duration',
  exits: 'Exits',
  routeTest: 'RouteTest',
  button: 'Button',
  languageCode: 'LanguageCode',
};

/** Names of nested shapes, by node type and JSON pointer inside its fragment. */
const NESTED_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  message: {
    '/properties/media': 'MediaRef',
    '/properties/list/properties/sections/items': 'ListSection',
    '/properties/list/properties/sections/items/properties/rows/items': 'ListRow',
  },
  // The answer kinds are also @parley/contract's AskExpect (understanding reads them); node-types.test.ts checks they agree.
  ask: { '/properties/expect': 'AskNodeExpect' },
  route: { '/properties/cases/items': 'RouteCase' },
  split: { '/properties/branches/items': 'SplitBranch' },
};

const SHARED_REF = '../flow.schema.json#/$defs/';

type SchemaObject = { [key: string]: unknown };

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(url: URL): SchemaObject {
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (!isObject(parsed)) throw new Error(`${fileURLToPath(url)} is not a JSON object`);
  return parsed;
}

/** The node types that have a fragment in schemas/nodes/, sorted. */
export function fragmentTypes(): string[] {
  return readdirSync(fileURLToPath(new URL('nodes/', schemasDir)))
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => name.slice(0, -'.schema.json'.length))
    .sort();
}

export function nodeTypeName(type: string): string {
  return `${type[0]!.toUpperCase()}${type.slice(1)}Node`;
}

export function generatedFileOf(type: string): string {
  return fileURLToPath(new URL(`${type}/node.generated.ts`, nodesDir));
}

export const NODE_INDEX_FILE = fileURLToPath(new URL('node-types.generated.ts', nodesDir));

function banner(source: string): string {
  return [
    `// GENERATED from ${source} by packages/flow/scripts/generate-node-types.ts — do not edit.`,
    `// Regenerate: ${REGENERATE_COMMAND}`,
    '',
  ].join('\n');
}

/**
 * The repository's Prettier style, fixed here rather than read from .prettierrc.json: generated
 * files are in .prettierignore, so a later style change must not make them stale.
 */
const STYLE = {
  parser: 'typescript',
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  endOfLine: 'lf',
} as const;

async function formatted(code: string): Promise<string> {
  return format(code, STYLE);
}

/** Every node type's generated module re-exported, and `FlowNode`, the union of them all. */
export async function generateNodeIndexSource(types: readonly string[]): Promise<string> {
  const names = types.map(nodeTypeName);
  const code = [
    banner('schemas/nodes/*.schema.json'),
    ...types.map((type) => `export type * from './${type}/node.generated';`),
    '',
    ...types.map((type, i) => `import type { ${names[i]} } from './${type}/node.generated';`),
    '',
    '/** Any node of a flow: one type per fragment in schemas/nodes/. */',
    `export type FlowNode = ${names.join(' | ')};`,
    '',
  ].join('\n');
  return formatted(code);
}

/**
 * Replaces the fragment's references to shared definitions (see the module comment) and
 * names nested shapes; returns the schema to compile and the shared names it uses.
 */
function prepare(type: string, fragment: SchemaObject, sharedDefs: SchemaObject) {
  const used = new Set<string>();
  const names = NESTED_NAMES[type] ?? {};
  const walk = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${pointer}/${i}`));
    if (!isObject(value)) return value;
    const ref = value.$ref;
    if (typeof ref === 'string') {
      if (!ref.startsWith(SHARED_REF)) throw new Error(`${type}: unexpected $ref '${ref}' at ${pointer || '/'}`);
      const name = ref.slice(SHARED_REF.length);
      const description = typeof value.description === 'string' ? { description: value.description } : {};
      const typeName = NAMED_DEFINITIONS[name];
      if (typeName) {
        used.add(typeName);
        return { tsType: typeName, ...description };
      }
      const definition = sharedDefs[name];
      if (!isObject(definition)) throw new Error(`${type}: '${ref}' is not a definition of flow.schema.json`);
      if (JSON.stringify(definition).includes('"$ref"'))
        throw new Error(`${type}: '${name}' refers to other definitions; add it to NAMED_DEFINITIONS`);
      // Validation keywords do not change the TypeScript type; the definition's own description
      // is about the shared definition, not this field.
      const { description: _shared, ...inlined } = definition;
      return { ...inlined, ...description };
    }
    const out: SchemaObject = {};
    for (const [key, child] of Object.entries(value)) out[key] = walk(child, `${pointer}/${key}`);
    const title = names[pointer];
    if (title) out.title = title;
    return out;
  };
  const prepared = walk(fragment, '');
  if (!isObject(prepared)) throw new Error(`${type}: fragment is not an object`);
  const { $schema: _dialect, $id: _id, ...schema } = prepared;
  return { schema: { ...schema, title: nodeTypeName(type) }, used: [...used].sort() };
}

/** The generated module for one node type, formatted in the repository's Prettier style. */
export async function generateNodeTypeSource(type: string): Promise<string> {
  const fragment = readJson(new URL(`nodes/${type}.schema.json`, schemasDir));
  const flowSchema = readJson(new URL('flow.schema.json', schemasDir));
  const sharedDefs = isObject(flowSchema.$defs) ? flowSchema.$defs : {};
  const { schema, used } = prepare(type, fragment, sharedDefs);
  const imports = used.length ? `import type { ${used.join(', ')} } from '../../schema-defs';\n` : '';
  const header = `${banner(`schemas/nodes/${type}.schema.json`)}\n${imports}`;
  const code = await compile(schema as JSONSchema, nodeTypeName(type), {
    bannerComment: header,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unknownAny: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    format: false,
  });
  return formatted(code);
}
