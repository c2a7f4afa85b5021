/**
 * WhatsApp's 24-hour customer-service window as the preview shows it: open for 24 hours after the
 * customer's last message; outside it only templates reach the customer. The runtime's answer
 * (the session's `window`) wins when it has one; otherwise it is worked out from the last message
 * typed in the preview, with the same rule (@parley/contract's windowClosesAt).
 */
import { windowClosesAt } from '@parley/contract';
import type { OutboundMessage } from '@parley/flow';

export interface PreviewWindow {
  open: boolean;
  /** Epoch ms the window closes; null while closed. */
  until: number | null;
}

/** `simulated24h`: the "24 h later" switch — the preview pretends a day has passed since the last message. */
export function previewWindow(
  lastUserAt: number | null,
  now: number,
  simulated24h: boolean,
  server?: { open: boolean; until: string | null } | null,
): PreviewWindow {
  if (simulated24h) return { open: false, until: null };
  if (server) {
    const until = server.until ? Date.parse(server.until) : NaN;
    return { open: server.open, until: server.open && Number.isFinite(until) ? until : null };
  }
  const until = windowClosesAt(lastUserAt ?? undefined, now);
  return { open: until !== null, until };
}

/** Only templates may go while the window is closed; every other message is held back. */
export function sendsWhenClosed(message: OutboundMessage): boolean {
  return message.kind === 'template';
}

/** "15:42" today, "Tue 15:42" on another day (the window can close tomorrow). */
export function formatUntil(until: number, now: number): string {
  const d = new Date(until);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? time : `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

export function windowText(w: PreviewWindow, lastUserAt: number | null, now: number): string {
  if (w.open && w.until !== null) return `24-hour window open until ${formatUntil(w.until, now)}`;
  if (lastUserAt === null && w.until === null && !w.open)
    return '24-hour window closed: the customer has not written yet — only templates go';
  return '24-hour window closed — only templates go';
}
