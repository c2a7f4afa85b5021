/**
 * Finds the schema that describes a given place in a document, by walking the
 * JSON Schemas along the instance path (following $ref, picking the node
 * fragment by the node's type). Used to suggest the property an author meant
 * when a property is unknown.
 */
import flowSchema from '../../../../schemas/flow.schema.json' with { type: 'json' };
import layoutSchema from '../../../../schemas/flow-layout.schema.json' with { type: 'json' };
import { nodeDefinitions } from '../nodes/registry';

type Schema = Record<string, unknown>;

const byId = new Map<string, Schema>([
  [flowSchema.$id, flowSchema as Schema],
  [layoutSchema.$id, layoutSchema as Schema],
  ...Object.values(nodeDefinitions).map((d): [string, Schema] => [String(d.schema.$id), d.schema as Schema]),
]);

function resolveRef(ref: string, base: string): { schema: Schema | undefined; base: string } {
  const [file, fragment = ''] = ref.split('#');
  const id = file ? new URL(file, base).href : base;
  let schema: unknown = byId.get(id);
  for (const segment of fragment.split('/').filter(Boolean)) schema = (schema as Schema | undefined)?.[segment];
  return { schema: schema as Schema | undefined, base: id };
}

function deref(schema: Schema | undefined, base: string): { schema: Schema | undefined; base: string } {
  let current = { schema, base };
  for (let i = 0; i < 10 && typeof current.schema?.$ref === 'string'; i++) current = resolveRef(current.schema.$ref, current.base);
  return current;
}

/** Property names the schema allows for the object at `segments`, or [] when unknown. */
export function knownProperties(documentName: 'flow' | 'layout', root: unknown, segments: readonly string[]): string[] {
  let current = {
    schema: (documentName === 'flow' ? flowSchema : layoutSchema) as Schema | undefined,
    base: documentName === 'flow' ? flowSchema.$id : layoutSchema.$id,
  };
  let value: unknown = root;
  for (const segment of segments) {
    const schema = current.schema;
    if (!schema) return [];
    const properties = schema.properties as Record<string, Schema> | undefined;
    const next =
      (properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined) ??
      (schema.items as Schema | undefined) ??
      (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as Schema) : undefined);
    current = deref(next, current.base);
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, segment)
        ? (value as Record<string, unknown>)[segment]
        : undefined;
    // A node's fields live in the fragment of its type.
    if (current.schema === (flowSchema.$defs.node as Schema) && value !== null && typeof value === 'object') {
      const type = (value as Record<string, unknown>).type;
      const def =
        typeof type === 'string' && Object.hasOwn(nodeDefinitions, type)
          ? nodeDefinitions[type as keyof typeof nodeDefinitions]
          : undefined;
      current = { schema: def?.schema as Schema | undefined, base: String(def?.schema.$id ?? '') };
    }
  }
  return Object.keys((current.schema?.properties as Schema | undefined) ?? {});
}
