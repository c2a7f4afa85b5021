/**
 * The operators' names and descriptions as data, for the studio's main bundle: importing the
 * registry there would bring every operator's code (and RE2) into the first page load, while
 * the studio only lists them. `catalog.json` is written from the registry by
 * `npx tsx packages/flow/src/operators/write-catalog.ts`; a test fails when it is stale.
 */
import { operators } from './registry';

export interface OperatorCatalogEntry {
  name: string;
  description: string;
}

export function operatorCatalog(): OperatorCatalogEntry[] {
  return Object.values(operators)
    .map((o) => ({ name: o.name, description: o.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
