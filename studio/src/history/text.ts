/** A flow as the text its file holds (the stable format), for diffs. */
import { formatFlow, type Flow } from '@parley/flow';

export function flowText(flow: Flow): string {
  // Revision changes on every save; the same revision on both sides keeps diffs about content.
  try {
    return formatFlow({ ...flow, revision: 0 });
  } catch {
    // A draft the formatter cannot handle is still worth comparing.
    return JSON.stringify({ ...flow, revision: 0 }, null, 2);
  }
}
