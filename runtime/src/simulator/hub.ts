/**
 * Fan-out of simulator events to SSE subscribers, in process. Events are buffered per
 * session (bounded) so a client that connects after the first bot message still sees it.
 * Simulator sessions are served by the process that runs both the worker/sender roles and
 * the API (`--role all`, the default); see docs/operations.md.
 */
import type { SimulatorEvent } from '@parley/contract';
import { refusedOnWhatsApp } from './preview';

// The event shapes are the API's (@parley/contract), shared with the studio and the CLI.
export type { SimulatorEvent } from '@parley/contract';

const BUFFER_LIMIT = 200;
const IDLE_SESSION_MS = 60 * 60 * 1000;

export class SimulatorHub {
  private readonly sessions = new Map<string, { events: SimulatorEvent[]; listeners: Set<(e: SimulatorEvent) => void>; touched: number }>();

  private session(id: string): { events: SimulatorEvent[]; listeners: Set<(e: SimulatorEvent) => void>; touched: number } {
    let s = this.sessions.get(id);
    if (!s) {
      s = { events: [], listeners: new Set(), touched: Date.now() };
      this.sessions.set(id, s);
      this.sweep();
    }
    s.touched = Date.now();
    return s;
  }

  publish(sessionId: string, published: SimulatorEvent): void {
    // The preview delivers what WhatsApp would: a message it would refuse (a dead letter in
    // production) is shown as the reason instead, and never reaches the dead letters.
    const refused = published.type === 'bot' ? refusedOnWhatsApp(published.message) : null;
    const event: SimulatorEvent =
      refused && published.type === 'bot' ? { type: 'error', message: `${published.nodeId}: ${refused}` } : published;
    const s = this.session(sessionId);
    s.events.push(event);
    if (s.events.length > BUFFER_LIMIT) s.events.splice(0, s.events.length - BUFFER_LIMIT);
    for (const fn of s.listeners) fn(event);
  }

  /** Replays the buffered events, then streams new ones until the returned function is called. */
  subscribe(sessionId: string, fn: (e: SimulatorEvent) => void): () => void {
    const s = this.session(sessionId);
    for (const e of s.events) fn(e);
    s.listeners.add(fn);
    return () => s.listeners.delete(fn);
  }

  clear(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (s) s.events.length = 0;
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_SESSION_MS;
    for (const [id, s] of this.sessions) if (s.listeners.size === 0 && s.touched < cutoff) this.sessions.delete(id);
  }
}
