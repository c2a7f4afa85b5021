/**
 * Property: whatever a test file says (within the schema), running it against the example
 * flows returns a result — mismatches become failures, never exceptions or hangs.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFlowTests, runFlowTest, type TestTurn } from '@parley/flow';
import { collectFiles } from './files';
import { loadTestFile, TEST_SUFFIX } from './suite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const files = collectFiles(['flows'], TEST_SUFFIX, repoRoot).map((path) => loadTestFile(path, repoRoot));

const words = [
  'yes',
  'no',
  'stop',
  'agent',
  'help',
  '123456',
  '#654321',
  'tomorrow',
  'jane@example.com',
  '+1 415 555 0100',
  '3',
  '',
  '🙂',
  'discount?',
  'where is my order',
  'x'.repeat(300),
];
const ids = ['checkout', 'discount', 'stop', 'done', 'another', 'yes', 'no', 'morning', 'haircut', 'size_1_10', 'high', 'nope'];

const turn: fc.Arbitrary<TestTurn> = fc.oneof(
  fc.constantFrom(...words).map((user) => ({ user })),
  fc.string({ maxLength: 40 }).map((user) => ({ user })),
  fc.constantFrom(...ids).map((tap) => ({ tap })),
  fc.constantFrom(...ids).map((pick) => ({ pick })),
  fc.constantFrom(true as const, 'soft_timeout' as const, 'ask_timeout' as const, 'expire' as const).map((timeout) => ({ timeout })),
  fc.constant({ event: { type: 'handoff.released' as const } }),
  fc.constant({ media: { type: 'image' as const, caption: 'photo' } }),
  fc.constant({ location: { latitude: 40.7, longitude: -74 } }),
  fc.record({ text: fc.string({ maxLength: 20 }) }).map((bot) => ({ bot })),
  fc.record({ ended: fc.boolean() }).map((expect) => ({ expect })),
);

describe('transcript runner on arbitrary turns', () => {
  it('never throws and always explains a failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(turn, { maxLength: 12 }), (index, turns) => {
        const file = files[index]!;
        const test = {
          name: 'fuzz',
          ...(file.tests[0]?.trigger ? { trigger: file.tests[0].trigger } : {}),
          mocks: { http: [{ match: { url: '/' }, status: 200, body: {} }] },
          turns,
        };
        expect(parseFlowTests({ flow: file.flow!.id, tests: [test] }).ok).toBe(true);
        const result = runFlowTest(file.flow!, test, file.options);
        expect(result.passed || result.failures.length > 0).toBe(true);
        expect(result.passed).toBe(result.diff.length === 0);
      }),
      { numRuns: 150 },
    );
  });
});
