/**
 * The repo's dependency rules, checked on every test run (issue #10):
 *  (a) no import circle between workspace packages (in what ships: tests and benches may use
 *      the shared tooling in test/, which itself imports the packages);
 *  (b) every package declares each workspace or npm package its files import, type-only imports
 *      included (node: builtins excepted; tests, benches and scripts may also use devDependencies
 *      and the root's toolchain); a relative import into another package counts as importing it;
 *  (c) no import circle between the files of one package, except the allow-listed ones below.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, cyclePath, type Graph } from './cycles';
import { importsOf, readManifest, workspacePackages, type WorkspacePackage } from './import-graph';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rootToolchain = Object.keys(readManifest(root).devDependencies ?? {});
const packages = workspacePackages(root);

/** Files that never ship: tests, benchmarks, fixtures, code generators and test harnesses. */
const DEV_FILE = /\.(test|bench)\.tsx?$|\.test-helper\.tsx?$|(^|\/)(bench|scripts|fixtures)\/|(^|\/)harness\.ts$|\.config\.ts$/;

/** Imports a package makes without declaring them, each with the reason it may. Keep it short. */
const UNDECLARED_ALLOWED: Record<string, { imports: string[]; why: string }> = {
  '@parley/nlu': {
    imports: ['@nlpjs/core', '@nlpjs/nlp', '@nlpjs/lang-en-min'],
    why: 'eval/nlpjs-baseline.ts loads NLP.js lazily, only for `parley nlu eval --baseline nlpjs` (a devDependency)',
  },
};

/**
 * File circles that exist today, each with the part of issue #10 that removes it. The test fails
 * on any other circle, and on an entry here that no longer exists (so the list only shrinks).
 */
const FILE_CIRCLES_ALLOWED: Array<{ files: string[]; owner: string }> = [];

interface PackageImports {
  pkg: WorkspacePackage;
  /** Package name → the files (relative to the repo) that import it. */
  packages: Map<string, { file: string; dev: boolean }[]>;
  files: Graph;
}

function ownerOf(file: string): WorkspacePackage | undefined {
  return packages.find((pkg) => file.startsWith(pkg.dir + '/'));
}

function collect(pkg: WorkspacePackage): PackageImports {
  const imported = new Map<string, { file: string; dev: boolean }[]>();
  const files = new Map<string, Set<string>>();
  const note = (name: string, file: string): void => {
    if (name === pkg.name) return;
    const dev = pkg.name === '@parley/test' || DEV_FILE.test(relative(pkg.dir, file));
    imported.set(name, [...(imported.get(name) ?? []), { file: relative(root, file), dev }]);
  };
  for (const file of pkg.files) {
    const edges = new Set<string>();
    files.set(file, edges);
    for (const target of importsOf(file)) {
      if (target.kind === 'package') note(target.packageName, file);
      if (target.kind !== 'file') continue;
      const owner = ownerOf(target.file);
      if (owner === pkg) edges.add(target.file);
      else if (owner) note(owner.name, file);
    }
  }
  return { pkg, packages: imported, files };
}

const collected = packages.map(collect);

describe('dependencies between packages', () => {
  it('has no import circle between workspace packages', () => {
    const graph = new Map<string, Set<string>>();
    for (const { pkg, packages: imported } of collected) {
      const shipped = [...imported].filter(([name, uses]) => packages.some((p) => p.name === name) && uses.some((use) => !use.dev));
      graph.set(pkg.name, new Set(shipped.map(([name]) => name)));
    }
    const found = circles(graph).map((component) => cyclePath(graph, component).join(' → '));
    expect(found, 'packages that import each other').toEqual([]);
  });

  it('every package declares what it imports', () => {
    const undeclared: string[] = [];
    for (const { pkg, packages: imported } of collected) {
      const { dependencies = {}, peerDependencies = {}, optionalDependencies = {}, devDependencies = {} } = pkg.manifest;
      const shipped = new Set([...Object.keys(dependencies), ...Object.keys(peerDependencies), ...Object.keys(optionalDependencies)]);
      const forDevFiles = new Set([...shipped, ...Object.keys(devDependencies), ...rootToolchain]);
      const allowed = UNDECLARED_ALLOWED[pkg.name]?.imports ?? [];
      for (const [name, uses] of imported) {
        if (allowed.includes(name)) continue;
        const use = uses.find((u) => !(u.dev ? forDevFiles : shipped).has(name));
        if (use)
          undeclared.push(
            `${pkg.name} imports ${name} (${use.file}) without declaring it in ${relative(root, pkg.dir) || '.'}/package.json`,
          );
      }
    }
    expect(undeclared).toEqual([]);
  });
});

/** `*` stands for one path segment. */
function pathPattern(glob: string): RegExp {
  return new RegExp(
    '^' +
      glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+') +
      '$',
  );
}

describe('dependencies between files', () => {
  const allowed = FILE_CIRCLES_ALLOWED.map((entry) => ({ ...entry, patterns: entry.files.map(pathPattern) }));
  const covers = (entry: (typeof allowed)[number], files: string[]): boolean =>
    files.every((file) => entry.patterns.some((pattern) => pattern.test(file)));

  it('has no import circle inside a package, apart from the allow-listed ones', () => {
    const found = collected.flatMap(({ files }) =>
      circles(files).map((component) => ({
        files: component.map((file) => relative(root, file)),
        path: cyclePath(files, component)
          .map((file) => relative(root, file))
          .join(' → '),
      })),
    );
    const unexpected = found.filter((circle) => !allowed.some((entry) => covers(entry, circle.files)));
    expect(
      unexpected.map((circle) => circle.path),
      'file circles',
    ).toEqual([]);
    const gone = allowed.filter((entry) => !found.some((circle) => covers(entry, circle.files)));
    expect(
      gone.map((entry) => entry.files.join(' ')),
      'allow-listed circles that no longer exist: remove them',
    ).toEqual([]);
  });
});
