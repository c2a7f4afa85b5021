/**
 * Writes `src/nodes/<type>/node.generated.ts` for every fragment in `schemas/nodes/`, and
 * `src/nodes/node-types.generated.ts` (the `FlowNode` union). Run after editing or adding a fragment:
 *   npx tsx packages/flow/scripts/generate-node-types.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NODE_INDEX_FILE, fragmentTypes, generateNodeIndexSource, generateNodeTypeSource, generatedFileOf } from './node-types-codegen';

function writeIfChanged(file: string, source: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === source) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  console.log(`wrote ${file}`);
}

const types = fragmentTypes();
for (const type of types) writeIfChanged(generatedFileOf(type), await generateNodeTypeSource(type));
writeIfChanged(NODE_INDEX_FILE, await generateNodeIndexSource(types));
