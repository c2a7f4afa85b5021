/** Writes generated/schema-validators.js (see schema-codegen.ts). Run: npx tsx packages/flow/src/validate/generate-validators.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorsSource } from './schema-codegen';

const target = fileURLToPath(new URL('./generated/schema-validators.js', import.meta.url));
writeFileSync(target, generateValidatorsSource());
console.log(`wrote ${target}`);
