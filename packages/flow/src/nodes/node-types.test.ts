import { readFileSync } from 'node:fs';
import type { AskExpect } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import {
  NODE_INDEX_FILE,
  REGENERATE_COMMAND,
  fragmentTypes,
  generateNodeIndexSource,
  generateNodeTypeSource,
  generatedFileOf,
} from '../../scripts/node-types-codegen';
import type { AskNodeExpect } from './ask/node.generated';
import { NODE_TYPES } from './registry';

/** True when A and B are the same type (each assignable to the other); checked by `tsc`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('generated node types', () => {
  for (const type of NODE_TYPES) {
    it(`${type}: node.generated.ts matches schemas/nodes/${type}.schema.json`, async () => {
      const expected = await generateNodeTypeSource(type);
      const current = readFileSync(generatedFileOf(type), 'utf8');
      expect(current, `stale: run ${REGENERATE_COMMAND}`).toBe(expected);
    });
  }

  it('node-types.generated.ts (FlowNode) lists every fragment', async () => {
    expect(fragmentTypes()).toEqual([...NODE_TYPES].sort());
    const expected = await generateNodeIndexSource(fragmentTypes());
    expect(readFileSync(NODE_INDEX_FILE, 'utf8'), `stale: run ${REGENERATE_COMMAND}`).toBe(expected);
  });

  it("the ask fragment's answer kinds are @parley/contract's AskExpect", () => {
    const agrees: Same<AskNodeExpect, AskExpect> = true;
    expect(agrees).toBe(true);
  });
});
