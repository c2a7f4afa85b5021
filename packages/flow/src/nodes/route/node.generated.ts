// GENERATED from schemas/nodes/route.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits, RouteTest } from '../../schema-defs';

/**
 * Ordered cases over an operand (default {{input.text}}); the first matching case takes the exit named by its id, else default.
 */
export interface RouteNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'route';
  operand?: string;
  /**
   * @maxItems 100
   */
  cases: RouteCase[];
}
export interface RouteCase {
  id: string;
  test: RouteTest;
}
