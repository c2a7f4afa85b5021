/** Writes generated/template-validators.js (see codegen.ts). Run: npx tsx packages/templates/src/schema/generate-validators.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorsSource } from './codegen';

const target = fileURLToPath(new URL('./generated/template-validators.js', import.meta.url));
writeFileSync(target, generateValidatorsSource());
console.log(`wrote ${target}`);
