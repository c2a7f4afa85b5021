/**
 * Hot reload of templates: a template file or the lock changed on disk (git pull, an editor, the
 * CLI's push writing the lock) is reloaded shortly after (debounced like flows). New sends use it
 * at once; sessions of published flow versions keep rendering their pinned content.
 */
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import { LOCK_FILE, TEMPLATE_SUFFIX, type TemplateFiles } from './files';

const DEBOUNCE_MS = 60;

/** Watches the folder when it exists (a folder created later is picked up at the next start). */
export function watchTemplates(files: TemplateFiles, log: Logger): { ready: Promise<void>; close: () => Promise<void> } {
  if (!existsSync(files.dir)) return { ready: Promise.resolve(), close: async () => {} };
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(files.dir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => Boolean(stats?.isFile()) && !path.endsWith(TEMPLATE_SUFFIX) && basename(path) !== LOCK_FILE,
  });
  const schedule = (path: string): void => {
    const name = basename(path);
    const key = name === LOCK_FILE ? LOCK_FILE : name.endsWith(TEMPLATE_SUFFIX) ? name.slice(0, -TEMPLATE_SUFFIX.length) : null;
    if (key === null) return;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        const reload = key === LOCK_FILE ? files.reloadLock() : files.reloadFile(key).then(() => undefined);
        reload.catch((err: unknown) => log.error({ err, template: key }, 'template reload failed'));
      }, DEBOUNCE_MS),
    );
  };
  watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
  watcher.on('error', (err) => log.error({ err }, 'templates watcher error'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      for (const t of timers.values()) clearTimeout(t);
      await watcher.close();
    },
  };
}
