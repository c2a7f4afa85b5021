/**
 * The worker's side of keeping preview traffic apart (see simulator/preview.ts): a preview
 * step's commit keeps its session and bot messages but writes no analytics counters and
 * nothing to the agent desk, and announces no desk event (the preview sees a `handoff` event).
 */
import type { ProcessOutcome } from './process';

export function previewOnly(out: ProcessOutcome): ProcessOutcome {
  const { desk: _desk, ...commit } = out.commit;
  return { ...out, commit: { ...commit, counters: [] }, desk: [] };
}
