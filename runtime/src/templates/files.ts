/**
 * The template files of `templatesDir` and its lock, as the runtime serves them: each
 * `<name>.template.json` validated with @parley/templates (an invalid file is listed with its
 * issues and never rendered), the content hash of each language, and the lock file's states (the
 * starting point the status store overrides). Reloaded file by file on change (watch.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TemplateLanguageState } from '@parley/contract';
import { emptyLock, languageHash, lockStates, readLock, validateTemplate } from '@parley/templates';
import type { TemplateFile, TemplateIssue, TemplateLock } from '@parley/templates';

export const TEMPLATE_SUFFIX = '.template.json';
export const LOCK_FILE = 'templates.lock.json';
/** Meta's template name rule; also what a file name must be to be loaded. */
export const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

export interface TemplateEntry {
  name: string;
  /** The file as issues name it (relative to the config file's folder). */
  file: string;
  /** Set when the file has no errors. */
  template?: TemplateFile;
  /** The parsed document, valid or not (the API shows an invalid file's category and description). */
  raw?: unknown;
  issues: TemplateIssue[];
  /** language → languageHash, for a valid template. */
  hashes: Record<string, string>;
}

export class TemplateFiles {
  private readonly entries = new Map<string, TemplateEntry>();
  private lockDoc: TemplateLock = emptyLock();
  private lockProblems: TemplateIssue[] = [];
  /** Every language hash of the valid files now. */
  private hashIndex = new Set<string>();

  /** `baseDir`: the config file's folder, so issues name `templates/x.template.json` as the author sees it. */
  constructor(
    readonly dir: string,
    private readonly baseDir: string,
  ) {}

  /** Reads every template file and the lock (a missing folder is no templates, not an error). */
  async loadAll(): Promise<void> {
    this.entries.clear();
    let names: string[] = [];
    try {
      names = (await readdir(this.dir)).filter((f) => f.endsWith(TEMPLATE_SUFFIX)).map((f) => f.slice(0, -TEMPLATE_SUFFIX.length));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await Promise.all(names.map((name) => this.reloadFile(name)));
    this.indexHashes();
    await this.reloadLock();
  }

  /** Reads one template file again (gone: forgotten). Returns its entry. */
  async reloadFile(name: string): Promise<TemplateEntry | undefined> {
    const path = join(this.dir, `${name}${TEMPLATE_SUFFIX}`);
    const file = relative(this.baseDir, path) || path;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.entries.delete(name);
      this.indexHashes();
      return undefined;
    }
    const entry = parseEntry(name, file, text);
    this.entries.set(name, entry);
    this.indexHashes();
    return entry;
  }

  async reloadLock(): Promise<void> {
    const path = join(this.dir, LOCK_FILE);
    if (!existsSync(path)) {
      this.lockDoc = emptyLock();
      this.lockProblems = [];
      return;
    }
    const file = relative(this.baseDir, path) || path;
    try {
      const { lock, issues } = readLock(JSON.parse(await readFile(path, 'utf8')) as unknown, file);
      this.lockDoc = lock;
      this.lockProblems = issues;
    } catch (err) {
      this.lockDoc = emptyLock();
      this.lockProblems = [jsonIssue(file, err)];
    }
  }

  /** True when at least one template file exists (valid or not). */
  any(): boolean {
    return this.entries.size > 0;
  }

  list(): TemplateEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  entry(name: string): TemplateEntry | undefined {
    return this.entries.get(name);
  }

  get(name: string): TemplateFile | undefined {
    return this.entries.get(name)?.template;
  }

  /** The content hash of a valid template's language now. */
  hash(name: string, language: string): string | undefined {
    return this.entries.get(name)?.hashes[language];
  }

  /** True when a file's language has this content now. */
  hasHash(hash: string): boolean {
    return this.hashIndex.has(hash);
  }

  private indexHashes(): void {
    this.hashIndex = new Set([...this.entries.values()].flatMap((e) => Object.values(e.hashes)));
  }

  /** The lock's states of one template for a tenant (empty without a lock). */
  lockStates(tenant: string, name: string): Record<string, TemplateLanguageState> {
    return lockStates(this.lockDoc, tenant, name);
  }

  /** Problems of the lock file (it is then ignored). */
  lockIssues(): TemplateIssue[] {
    return this.lockProblems;
  }
}

function parseEntry(name: string, file: string, text: string): TemplateEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (err) {
    return { name, file, issues: [jsonIssue(file, err)], hashes: {} };
  }
  const { template, issues } = validateTemplate(raw, file);
  const hashes: Record<string, string> = {};
  if (template) for (const language of Object.keys(template.languages)) hashes[language] = languageHash(template, language);
  return { name, file, raw, issues, hashes, ...(template ? { template } : {}) };
}

function jsonIssue(file: string, err: unknown): TemplateIssue {
  return { severity: 'error', code: 'invalid-json', message: `${file} is not valid JSON: ${(err as Error).message}`, file, path: '' };
}

/** The template with only one language: what a pin keeps (the other languages have their own pins). */
export function onlyLanguage(template: TemplateFile, language: string): TemplateFile {
  const content = template.languages[language];
  return { ...template, languages: content ? { [language]: content } : {} };
}
