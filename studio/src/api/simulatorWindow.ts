/**
 * A preview session's 24-hour window as the runtime sees it (GET /api/simulator/sessions/:sid,
 * t11). Null when the server does not say (an older runtime): the preview then works the window
 * out itself from the messages typed.
 */
import type { ConversationWindow, SimulatorSession } from '@parley/contract/api';
import type { ApiClient } from './client';

export async function sessionWindow(api: ApiClient, sessionId: string): Promise<ConversationWindow | null> {
  try {
    const session = await api.request<SimulatorSession>('GET', `/simulator/sessions/${encodeURIComponent(sessionId)}`);
    return session && typeof session.window === 'object' && session.window !== null ? session.window : null;
  } catch {
    return null;
  }
}
