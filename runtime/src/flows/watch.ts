/**
 * Hot reload: watches the flows folder and reloads a flow file shortly after it changes
 * (debounced, so an editor's write-rename-write burst is one reload). A valid change made
 * outside the runtime is live for new conversations well within a second; held flows (studio
 * drafts, scaffolds, unpublished flows — see registry.ts) are only validated.
 */
import type { Logger } from 'pino';
import { watchFolder, type FolderWatch } from '../platform/folder-watch';
import { FLOW_SUFFIX } from './registry';
import type { FlowRegistry } from './registry';

export function watchFlows(registry: FlowRegistry, log: Logger): FolderWatch {
  return watchFolder({
    dir: registry.dir,
    keyOf: (name) => (name.endsWith(FLOW_SUFFIX) ? name.slice(0, -FLOW_SUFFIX.length) : null),
    reload: (id) => registry.reloadFile(id),
    log,
    what: 'flow',
  });
}
