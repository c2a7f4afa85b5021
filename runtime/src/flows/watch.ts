/**
 * Hot reload: watches the flows folder and reloads a flow file shortly after it changes
 * (debounced, so an editor's write-rename-write burst is one reload). A valid change made
 * outside the runtime is live for new conversations well within a second; held flows (studio
 * drafts, scaffolds, unpublished flows — see registry.ts) are only validated.
 */
import { basename } from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import { FLOW_SUFFIX } from './registry';
import type { FlowRegistry } from './registry';

const DEBOUNCE_MS = 60;

export function watchFlows(registry: FlowRegistry, log: Logger): { ready: Promise<void>; close: () => Promise<void> } {
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(registry.dir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => Boolean(stats?.isFile()) && !path.endsWith(FLOW_SUFFIX),
  });
  const schedule = (path: string): void => {
    const name = basename(path);
    if (!name.endsWith(FLOW_SUFFIX)) return;
    const id = name.slice(0, -FLOW_SUFFIX.length);
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      registry.reloadFile(id).catch((err: unknown) => log.error({ err, flow: id }, 'flow reload failed'));
    }, DEBOUNCE_MS));
  };
  watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
  watcher.on('error', (err) => log.error({ err }, 'flows watcher error'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      for (const t of timers.values()) clearTimeout(t);
      await watcher.close();
    },
  };
}
