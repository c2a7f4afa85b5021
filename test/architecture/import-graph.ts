/**
 * Reads every workspace package of the repo (root package.json `workspaces`) and what its files
 * import, with the TypeScript compiler's own pre-processor (`ts.preProcessFile`: static imports,
 * `import type`, export-from, dynamic `import()` and `require`). Pure reading: no type-check.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

export interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[];
}

export interface WorkspacePackage {
  name: string;
  /** Absolute directory of the package. */
  dir: string;
  manifest: Manifest;
  /** Absolute paths of its source files (node_modules and build output left out). */
  files: string[];
}

/** One import of one file: the specifier as written, and what it is. */
export type ImportTarget =
  | { kind: 'builtin'; specifier: string }
  | { kind: 'package'; specifier: string; packageName: string }
  /** A relative import that resolved to a file (`file` is absolute). */
  | { kind: 'file'; specifier: string; file: string }
  | { kind: 'unresolved'; specifier: string };

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git']);

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The root's `workspaces` globs, expanded (only the `dir/*` and plain `dir` forms the repo uses). */
export function workspacePackages(root: string): WorkspacePackage[] {
  const dirs = (readManifest(root).workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [resolve(root, pattern)];
    const parent = resolve(root, pattern.slice(0, -2));
    return readdirSync(parent)
      .map((entry) => join(parent, entry))
      .filter((dir) => existsSync(join(dir, 'package.json')));
  });
  return dirs.map((dir) => {
    const manifest = readManifest(dir);
    return { name: manifest.name, dir, manifest, files: sourceFiles(dir) };
  });
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE_EXTENSIONS.some((ext) => entry.endsWith(ext))) found.push(path);
  }
  return found;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export function importsOf(file: string): ImportTarget[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => classify(file, specifier));
}

function classify(file: string, specifier: string): ImportTarget {
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return { kind: 'builtin', specifier };
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolveRelative(dirname(file), specifier);
    return target ? { kind: 'file', specifier, file: target } : { kind: 'unresolved', specifier };
  }
  return { kind: 'package', specifier, packageName: packageNameOf(specifier) };
}

/** Resolves as the bundler resolution does: `.js` may name a `.ts` file, extensions and `index` may be left out. */
function resolveRelative(fromDir: string, specifier: string): string | undefined {
  const base = resolve(fromDir, specifier.replace(/\?.*$/, ''));
  const withoutJs = base.replace(/\.(m|c)?js$/, '');
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((ext) => withoutJs + ext),
    ...SOURCE_EXTENSIONS.map((ext) => join(base, 'index' + ext)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}
