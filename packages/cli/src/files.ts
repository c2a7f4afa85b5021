/**
 * Reading the files the CLI works on: discovery in folders, a size cap before anything is
 * read into memory, and JSON parsing whose errors name the line and column.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CliError, UsageError } from './errors';

/** Flows are small; anything this big is a mistake or an attack, refused before reading it. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Expands files and folders (non-recursive into node_modules/dot folders) to files ending in `suffix`. */
export function collectFiles(paths: string[], suffix: string, cwd: string): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stats = statOrNull(absolute);
    if (!stats) throw new UsageError(`${path}: no such file or folder`);
    if (stats.isDirectory()) {
      for (const file of walk(absolute)) if (file.endsWith(suffix)) found.add(file);
    } else {
      found.add(absolute);
    }
  }
  return [...found].sort();
}

function* walk(folder: string, depth = 0): Generator<string> {
  if (depth > 8) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path, depth + 1);
    else if (entry.isFile()) yield path;
  }
}

export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Reads a UTF-8 text file, refusing folders, missing files and files over the size cap. */
export function readTextFile(path: string, display = path): string {
  const stats = statOrNull(path);
  if (!stats) throw new CliError(`${display}: no such file`);
  if (stats.isDirectory()) throw new CliError(`${display}: is a folder, expected a file`);
  if (stats.size > MAX_FILE_BYTES) {
    throw new CliError(
      `${display}: the file is ${(stats.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`${display}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** JSON.parse with the error's position turned into line:column. */
export function parseJsonText(text: string, display: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? `:${lineColumn(text, Number(position[1]))}` : '';
    const reason = message
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new CliError(`${display}${where}: invalid JSON: ${reason}`);
  }
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

/** Paths are printed relative to where the user ran the command. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
