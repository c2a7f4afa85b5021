/**
 * Hot reload of templates: a template file or the lock changed on disk (git pull, an editor, the
 * CLI's push writing the lock) is reloaded shortly after (debounced like flows). New sends use it
 * at once; sessions of published flow versions keep rendering their pinned content.
 */
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { watchFolder, type FolderWatch } from '../platform/folder-watch';
import { LOCK_FILE, TEMPLATE_SUFFIX, type TemplateFiles } from './files';

/** Watches the folder when it exists (a folder created later is picked up at the next start). */
export function watchTemplates(files: TemplateFiles, log: Logger): FolderWatch {
  if (!existsSync(files.dir)) return { ready: Promise.resolve(), close: async () => {} };
  return watchFolder({
    dir: files.dir,
    keyOf: (name) => (name === LOCK_FILE ? LOCK_FILE : name.endsWith(TEMPLATE_SUFFIX) ? name.slice(0, -TEMPLATE_SUFFIX.length) : null),
    reload: (key) => (key === LOCK_FILE ? files.reloadLock() : files.reloadFile(key)),
    log,
    what: 'template',
  });
}
