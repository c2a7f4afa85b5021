#!/usr/bin/env node
// The `parley` command. The CLI runs from TypeScript source (no build step to drift from the
// tests): tsx's ESM loader is registered here, then the real entry point is imported.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  interactive: Boolean(process.stdin.isTTY),
  stdin: process.stdin,
  terminal: process.stdin.isTTY && process.stdout.isTTY ? process.stdout : undefined,
  cwd: process.cwd(),
  env: process.env,
});
// Let pending writes drain instead of calling process.exit.
process.exitCode = code;
