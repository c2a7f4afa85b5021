/** Set while a person has the conversation (a handoff node, or an agent took it over): the bot stays silent. */
export interface DeskState {
  since: number;
  /** 'flow': a handoff node (release continues at its `next` exit); 'agent': taken over (release resumes where the bot was). */
  by: 'flow' | 'agent';
  queue?: string;
  reason?: string;
  agent?: string;
}

/** One line of what an agent sees of a handed-off conversation. */
export interface DeskEntry {
  at: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  text: string;
}

/** Lines of a desk transcript kept (the oldest go first). */
export const DESK_TRANSCRIPT_MAX = 200;
