/** Appends a recorded test to a flow's `<id>.test.json`, creating the file when needed. */
import { existsSync, writeFileSync } from 'node:fs';
import { parseFlowTests, type FlowTest } from '@parley/flow';
import { CliError } from '../errors';
import { parseJsonText, readTextFile } from '../files';

export function appendTest(path: string, display: string, flowId: string, test: FlowTest): void {
  const document = existsSync(path) ? parseJsonText(readTextFile(path, display), display) : { flow: flowId, tests: [] };
  const file = document as { flow?: unknown; tests?: unknown };
  if (file.flow !== flowId || !Array.isArray(file.tests))
    throw new CliError(`${display} is not a test file for flow "${flowId}"; not saved`);
  if (file.tests.some((existing) => (existing as { name?: unknown }).name === test.name)) {
    throw new CliError(`${display} already has a test named "${test.name}"; pick another name`);
  }
  file.tests.push(test);
  const checked = parseFlowTests(document);
  if (!checked.ok)
    throw new CliError(
      `the recorded test does not fit the test schema (${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}); not saved`,
    );
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}
