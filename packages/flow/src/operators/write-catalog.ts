/** Writes catalog.json from the registry (see catalog.ts). Run: npx tsx packages/flow/src/operators/write-catalog.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operatorCatalog } from './catalog';

const target = fileURLToPath(new URL('./catalog.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(operatorCatalog(), null, 2)}\n`);
console.log(`wrote ${target}`);
