/**
 * What a typed line means in `parley chat`, local or `--server`: a numbered choice, a message, or
 * a /command. Both sessions read lines through `runChatLine`; each says what a command does for it.
 */
import type { InboundMessage, MediaTurn, UserTurn } from '@parley/flow';
import type { OfferedChoices } from './printer';

/** The user turns a typed line can be (timeouts and events are commands of their own). */
export type TypedTurn = Extract<
  UserTurn,
  { user: string } | { tap: string } | { pick: string } | { media: MediaTurn } | { location: unknown }
>;

/** What each session does for a command; the shared parsing and usage notes are `runChatLine`'s. */
export interface ChatCommands {
  say(turn: TypedTurn): Promise<void>;
  help(): void;
  vars(): void;
  state(): void;
  why(): void;
  restart(): Promise<void>;
  /** `/timeout [kind]`: the kind as typed, if any. */
  timeout(kind: string | undefined): Promise<void>;
  release(): Promise<void>;
  save(testName: string): void;
  note(text: string): void;
}

const MEDIA_TYPES = new Set<string>(['image', 'video', 'audio', 'document', 'sticker'] satisfies Array<MediaTurn['type']>);
const isMediaType = (type: string | undefined): type is MediaTurn['type'] => type !== undefined && MEDIA_TYPES.has(type);

/** `line` is trimmed and not empty; `/quit` is the reading loop's. */
export async function runChatLine(line: string, offered: OfferedChoices | undefined, session: ChatCommands): Promise<void> {
  if (!line.startsWith('/')) {
    const number = /^\d{1,2}$/.test(line) ? Number(line) : NaN;
    const choiceId = offered && number >= 1 ? offered.ids[number - 1] : undefined;
    return session.say(choiceId ? choiceTurn(choiceId, offered) : { user: line });
  }
  const [name, ...rest] = line.split(/\s+/);
  const argument = rest.join(' ');
  switch (name) {
    case '/help':
      return session.help();
    case '/vars':
      return session.vars();
    case '/state':
      return session.state();
    case '/why':
      return session.why();
    case '/restart':
      session.note('starting over');
      return session.restart();
    case '/timeout':
      return session.timeout(argument || undefined);
    case '/release':
      return session.release();
    case '/save':
      return session.save(argument);
    case '/tap':
      if (!argument) return session.note('usage: /tap <choice id>');
      return session.say(choiceTurn(argument, offered));
    case '/location': {
      const match = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(argument);
      if (!match) return session.note('usage: /location <latitude>,<longitude>, e.g. /location 40.7128,-74.006');
      return session.say({ location: { latitude: Number(match[1]), longitude: Number(match[2]) } });
    }
    case '/media': {
      const [type, ...caption] = rest;
      if (!isMediaType(type)) return session.note('usage: /media <image|video|audio|document|sticker> [caption]');
      return session.say({
        media: { type, url: `https://example.com/${type}`, ...(caption.length ? { caption: caption.join(' ') } : {}) },
      });
    }
    default:
      session.note(`unknown command ${name}; /help lists the commands`);
  }
}

/** A choice is tapped as a button, or picked from a list when the last choices came as one. */
function choiceTurn(id: string, offered: OfferedChoices | undefined): TypedTurn {
  return offered?.kind === 'list' ? { pick: id } : { tap: id };
}

export function toInbound(turn: TypedTurn): InboundMessage {
  if ('user' in turn) return { kind: 'text', text: turn.user };
  if ('tap' in turn) return { kind: 'button', choiceId: turn.tap };
  if ('pick' in turn) return { kind: 'list', choiceId: turn.pick };
  if ('media' in turn) return { kind: 'media', media: turn.media };
  return { kind: 'location', location: turn.location };
}
