/**
 * Builds the studio (vite build) when studio/dist is older than its sources.
 * Test files may run in parallel, so the build is guarded by a lock directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const STUDIO = join(REPO, 'studio');
const DIST = join(STUDIO, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    join(STUDIO, 'src'),
    join(STUDIO, 'index.html'),
    join(STUDIO, 'vite.config.ts'),
    join(REPO, 'packages', 'flow', 'src'),
    join(REPO, 'schemas'),
  ];
  return sources.some((s) => existsSync(s) && newestMtime(s) > built);
}

export async function ensureStudioBuilt(): Promise<string> {
  const lock = join(REPO, 'node_modules', '.parley-studio-build.lock');
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed run (a build takes seconds) is taken over.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      } catch {
        /* released meanwhile */
      }
      if (waited > 120_000) throw new Error(`Timed out waiting for another studio build (lock ${lock}); remove it if no build is running.`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (isStale()) {
      // vitest sets NODE_ENV=test; inherited, it would make Vite bundle React's development build.
      const env = { ...process.env, NODE_ENV: 'production' };
      execFileSync(
        process.execPath,
        [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'production', '--logLevel', 'error'],
        { cwd: STUDIO, stdio: 'pipe', env },
      );
    }
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`The studio build failed:\n${err.stderr?.toString() ?? ''}${err.stdout?.toString() ?? ''}`);
  } finally {
    rmdirSync(lock);
  }
  return DIST;
}
