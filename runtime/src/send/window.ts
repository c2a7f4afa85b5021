/**
 * The 24-hour customer-service window: inside it any message may be sent; outside it only a
 * template. Returns what to send, or why nothing can be sent.
 */
import { windowClosesAt } from '@parley/contract';
import type { OutboundMessage } from '@parley/flow';
import type { WindowFallback } from '../config/types';
import type { OutboundItem } from '../conversation';

// The window rule itself is shared (the transcript runner and the desk views use it too).
export { WINDOW_MS, isInsideWindow } from '@parley/contract';

export type WindowDecision = { send: OutboundMessage; usedTemplate: boolean } | { send: null; reason: string; fallback: WindowFallback };

export function decideWindow(item: OutboundItem, insideWindow: boolean, fallback: WindowFallback | undefined): WindowDecision {
  if (insideWindow || item.message.kind === 'template') return { send: item.message, usedTemplate: item.message.kind === 'template' };
  if (item.fallbackTemplate) return { send: item.fallbackTemplate, usedTemplate: true };
  const fb = fallback ?? { type: 'drop' as const };
  if (fb.type === 'template') return { send: { kind: 'template', name: fb.name, language: fb.language, params: {} }, usedTemplate: true };
  return { send: null, reason: 'outside the 24-hour window and the node has no template', fallback: fb };
}

/** The window as the desk and the simulator show it: open until when (ISO), or closed (`until` null). */
export function windowInfo(lastInboundAt: number | undefined, now: number): { open: boolean; until: string | null } {
  const closesAt = windowClosesAt(lastInboundAt, now);
  return { open: closesAt !== null, until: closesAt === null ? null : new Date(closesAt).toISOString() };
}
