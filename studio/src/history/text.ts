/** A flow as the text its file holds, for diffs. */
import type { Flow } from '@parley/flow';

export function flowText(flow: Flow): string {
  // Revision changes on every save; hiding it keeps diffs about content.
  const { revision: _revision, ...rest } = flow;
  return JSON.stringify(rest, null, 2);
}
