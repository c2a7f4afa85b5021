// GENERATED from schemas/nodes/http.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * A templated HTTP request performed by the host; the response is mapped into variables. Exits: success (2xx), failure (other status, timeout, network error after retries).
 */
export interface HttpNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'http';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: {
    [k: string]: string;
  };
  body?: string;
  timeoutMs?: number;
  retries?: number;
  map?: {
    [k: string]: string;
  };
}
