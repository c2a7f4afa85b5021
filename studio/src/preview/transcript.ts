/**
 * The preview conversation as data, and its conversion into a transcript test
 * (`flows/<id>.test.json`, schemas/flow-test.schema.json) — "save as test".
 */
import type { InboundMessage, OutboundMessage } from '@parley/flow';
import type { Understanding } from '@parley/nlu';

export interface StateEvent {
  type: 'state';
  status: string;
  waitingAt?: string | null;
  variables: Record<string, unknown>;
  understanding?: Understanding;
  visited?: string[];
}

/** The chat as it streamed in; `state` entries are not drawn but describe the turn around them. */
export type ChatTurn =
  | { from: 'user'; message: InboundMessage; label: string }
  | { from: 'user-timeout' }
  | { from: 'bot'; message: OutboundMessage; nodeId?: string }
  | { from: 'state'; state: StateEvent }
  | { from: 'system'; text: string };

/**
 * The state that describes the turn at `index`: the last state event between the
 * previous and the next user action (the runtime may send it before or after the
 * bot messages of that step).
 */
export function stateForTurn(turns: ChatTurn[], index: number): StateEvent | undefined {
  const isUser = (t: ChatTurn) => t.from === 'user' || t.from === 'user-timeout';
  let end = index + 1;
  while (end < turns.length && !isUser(turns[end]!)) end++;
  let start = index;
  while (start > 0 && !isUser(turns[start - 1]!) && !isUser(turns[start]!)) start--;
  for (let i = end - 1; i >= start; i--) {
    const t = turns[i]!;
    if (t.from === 'state') return t.state;
  }
  return undefined;
}

type TestTurn = Record<string, unknown>;

export function toTranscriptTest(name: string, turns: ChatTurn[], finalState?: StateEvent): { name: string; turns: TestTurn[] } {
  const out: TestTurn[] = [];
  for (const t of turns) {
    if (t.from === 'user') {
      const m = t.message;
      if (m.kind === 'button' && m.choiceId) out.push({ tap: m.choiceId });
      else if (m.kind === 'list' && m.choiceId) out.push({ pick: m.choiceId });
      else if (m.kind === 'location' && m.location) out.push({ location: m.location });
      else if (m.kind === 'media' && m.media) out.push({ media: m.media });
      else out.push({ user: m.text ?? '' });
    } else if (t.from === 'user-timeout') {
      out.push({ timeout: true });
    } else if (t.from === 'bot') {
      out.push({ bot: botExpectation(t.message) });
    }
  }
  if (finalState) {
    const expect: Record<string, unknown> = {};
    if (finalState.status === 'ended') expect.ended = true;
    else if (finalState.status === 'handoff') expect.handoff = true;
    else if (finalState.waitingAt) expect.waitingAt = finalState.waitingAt;
    const vars = Object.fromEntries(Object.entries(finalState.variables ?? {}).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(vars).length) expect.variables = vars;
    if (Object.keys(expect).length) out.push({ expect });
  }
  return { name, turns: out };
}

function botExpectation(m: OutboundMessage): Record<string, unknown> {
  switch (m.kind) {
    case 'text':
      return { text: m.text };
    case 'choices':
      return { text: m.text, buttons: m.options.map((o) => o.title) };
    case 'template':
      return { template: m.name };
    case 'media':
      return { media: m.media.type };
  }
}
