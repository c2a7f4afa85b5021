/**
 * Runs every transcript test in flows/*.test.json through the runner, one vitest test per
 * transcript, so `npm test` covers the example flows. A failure shows the runner's diff.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowCoverage, formatDiff, type TestResult } from '@parley/flow';
import { collectFiles } from './files';
import { loadTestFile, prepareTestFile, runLoadedTest, TEST_SUFFIX } from './suite';
import { understandingOptions } from './understanders';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Understood as `parley test` and the runtime do: with the pretrained word vectors.
const understanding = await understandingOptions(false, process.env);
const files = collectFiles(['flows'], TEST_SUFFIX, repoRoot).map((path) => loadTestFile(path, repoRoot, understanding));

describe('example flows', () => {
  it('has six flows with at least 8 transcript tests each and 40 in all', () => {
    expect(files.map((file) => file.display).sort()).toEqual([
      'flows/abandoned-cart.test.json',
      'flows/appointment-booking.test.json',
      'flows/cart-reminder-campaign.test.json',
      'flows/lead-qualification.test.json',
      'flows/order-status.test.json',
      'flows/support-faq.test.json',
    ]);
    for (const file of files) expect(file.tests.length, file.display).toBeGreaterThanOrEqual(8);
    expect(files.reduce((sum, file) => sum + file.tests.length, 0)).toBeGreaterThanOrEqual(40);
  });
});

for (const file of files) {
  describe(file.display, () => {
    const results: TestResult[] = [];
    it('loads (test file schema and the flow under test are valid)', () => {
      expect(file.errors).toEqual([]);
    });
    for (const test of file.tests) {
      it(test.name, () => {
        const result = runLoadedTest(file, test);
        results.push(result);
        if (!result.passed) throw new Error(`${result.failures.join('\n')}\n${formatDiff(result.diff)}`);
      });
    }
    // Runs after the transcripts above (tests in a file run in order): a new node needs a test.
    it('visits every node of the flow', () => {
      expect(results).toHaveLength(file.tests.length);
      expect(flowCoverage(file.flow!, results).nodes.missing).toEqual([]);
    });
  });
}

describe('docs/flow-tests.md', () => {
  it('its example test file is valid and passes against the order-status flow', () => {
    const doc = readFileSync(join(repoRoot, 'docs/flow-tests.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc);
    expect(block, 'a ```json block in docs/flow-tests.md').not.toBeNull();
    // The example lives in the docs but names its flow like a file in flows/ would.
    const file = prepareTestFile(
      JSON.parse(block![1]!),
      join(repoRoot, 'flows/docs-example.test.json'),
      'docs/flow-tests.md',
      repoRoot,
      understanding,
    );
    expect(file.errors).toEqual([]);
    for (const test of file.tests) {
      const result = runLoadedTest(file, test);
      expect(result.failures, test.name).toEqual([]);
    }
  });
});
