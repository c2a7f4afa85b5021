import { defineConfig } from 'vitest/config';

// One runner for the whole repo: every *.test.ts(x) next to its code, plus cross-package suites in test/.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'runtime/src/**/*.test.ts',
      'studio/src/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
      'flows/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits on state (a browser re-validating, a worker draining); its 1 s default
    // made browser tests fail on a loaded CI machine while the state was still on its way.
    expect: { poll: { timeout: 10_000 } },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
