/**
 * Writes `src/nodes/<type>/node.generated.ts` for every fragment in `schemas/nodes/`.
 * Run after editing a fragment (or adding one):
 *   npx tsx packages/flow/scripts/generate-node-types.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNodeTypeSource, generatedFileOf } from './node-types-codegen';

const fragmentsDir = fileURLToPath(new URL('../../../schemas/nodes/', import.meta.url));
const types = readdirSync(fragmentsDir).filter((name) => name.endsWith('.schema.json')).map((name) => name.slice(0, -'.schema.json'.length)).sort();

for (const type of types) {
  const file = generatedFileOf(type);
  const source = await generateNodeTypeSource(type);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === source) continue;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  console.log(`wrote ${file}`);
}
