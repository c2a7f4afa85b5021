/**
 * `parley nlu eval` must measure what the runtime runs: both take their understanding
 * configuration from the one function in '@parley/nlu/vectors'. The spy wraps the real
 * function, so the encoders compared below are the real word vectors.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vectors from '@parley/nlu/vectors';
import { runNluCommand } from '../../packages/cli/src/commands/nlu/index';
import { startRuntime } from '../../runtime/src/app/runtime';
import { createMemoryStores } from '../../runtime/src/stores/memory';
import { createTestContext } from '../../runtime/src/testing/context';

vi.mock('@parley/nlu/vectors', async (importOriginal) => {
  const real = await importOriginal<typeof vectors>();
  return { ...real, understandingConfiguration: vi.fn(real.understandingConfiguration) };
});

const dir = mkdtempSync(join(tmpdir(), 'parley-nlu-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the understanding configuration', () => {
  it('is chosen by the same function in the runtime and in parley nlu eval', async () => {
    const factory = vi.mocked(vectors.understandingConfiguration);
    writeFileSync(join(dir, 'rows.csv'), 'text,intent\nwhere is my order,order_status\ni want a refund,refund\n');
    let stdout = '';
    const code = await runNluCommand(['eval', '--train', join(dir, 'rows.csv'), '--test', join(dir, 'rows.csv')], {
      stdout: (s) => {
        stdout += s;
      },
      stderr: () => {},
      env: {},
    });
    expect(code).toBe(0);
    expect(factory).toHaveBeenCalledTimes(1);
    const cli = factory.mock.results[0]?.value as vectors.UnderstandingConfiguration;
    expect(stdout).toContain(`configuration: ${cli.description}, as the runtime runs it`);

    const ctx = createTestContext(createMemoryStores());
    const runtime = await startRuntime(ctx, { roles: new Set(['worker']), port: 0, host: '127.0.0.1', watch: false });
    try {
      expect(factory).toHaveBeenCalledTimes(2);
      expect(factory.mock.calls[1]?.[0]).toEqual({ vectors: ctx.config.nlu.vectors });
      // Same configuration, same (cached) vectors: the CLI measured the encoder the workers use.
      expect(cli.encoder).toBeDefined();
      expect(ctx.nluEncoder).toBe(cli.encoder);
    } finally {
      await runtime.stop();
    }
  });
});
