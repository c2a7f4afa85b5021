/**
 * The worker's side of keeping preview traffic apart (see simulator/preview.ts): a preview
 * step's commit keeps its session and bot messages but writes no analytics counters and
 * nothing to the agent desk (and the desk subscriber announces nothing: the preview sees a
 * `handoff` event instead).
 */
import type { ProcessOutcome } from './outcome';

export function previewOnly(out: ProcessOutcome): ProcessOutcome {
  const { desk: _desk, ...commit } = out.commit;
  return { ...out, commit: { ...commit, counters: [] } };
}
