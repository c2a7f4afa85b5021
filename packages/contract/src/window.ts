/**
 * WhatsApp's 24-hour customer-service window: after the user's last message the business may
 * send anything for 24 hours; outside it only an approved template. Shared by the runtime's
 * sender, the desk and simulator views and the transcript runner's virtual clock.
 */
export const WINDOW_MS = 24 * 3600 * 1000;

/** Whether a free-form message may go at `now`, given the epoch ms of the user's last message (if any). */
export function isInsideWindow(lastInboundAt: number | undefined, now: number): boolean {
  return lastInboundAt !== undefined && now - lastInboundAt < WINDOW_MS;
}

/** When the window closes (epoch ms), or null when it is not open. */
export function windowClosesAt(lastInboundAt: number | undefined, now: number): number | null {
  return isInsideWindow(lastInboundAt, now) ? lastInboundAt! + WINDOW_MS : null;
}
