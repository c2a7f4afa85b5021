/**
 * Hot reload of a folder of files (flows, templates): a file that changes is reloaded shortly
 * after, debounced per key so an editor's write-rename-write burst is one reload.
 */
import { basename } from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from 'pino';

const DEBOUNCE_MS = 60;

export interface FolderWatch {
  ready: Promise<void>;
  close: () => Promise<void>;
}

export interface FolderWatchOptions {
  dir: string;
  /** The reload key of a file name (a flow id, a template name), or null for files to ignore. */
  keyOf: (fileName: string) => string | null;
  reload: (key: string) => Promise<unknown>;
  log: Logger;
  /** What the folder holds, for log lines ("flow", "template"). */
  what: string;
}

export function watchFolder({ dir, keyOf, reload, log, what }: FolderWatchOptions): FolderWatch {
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => Boolean(stats?.isFile()) && keyOf(basename(path)) === null,
  });
  const schedule = (path: string): void => {
    const key = keyOf(basename(path));
    if (key === null) return;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        reload(key).catch((err: unknown) => log.error({ err, [what]: key }, `${what} reload failed`));
      }, DEBOUNCE_MS),
    );
  };
  watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
  watcher.on('error', (err) => log.error({ err }, `${what}s watcher error`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      for (const t of timers.values()) clearTimeout(t);
      await watcher.close();
    },
  };
}
