import { describe, expect, it } from 'vitest';
import { runChatLine, toInbound, type ChatCommands, type TypedTurn } from './commands';

function recorder(): { session: ChatCommands; calls: string[]; said: TypedTurn[] } {
  const calls: string[] = [];
  const said: TypedTurn[] = [];
  const session: ChatCommands = {
    say: async (turn) => void said.push(turn),
    help: () => void calls.push('help'),
    vars: () => void calls.push('vars'),
    state: () => void calls.push('state'),
    why: () => void calls.push('why'),
    restart: async () => void calls.push('restart'),
    timeout: async (kind) => void calls.push(`timeout ${kind ?? '-'}`),
    release: async () => void calls.push('release'),
    save: (name) => void calls.push(`save ${name}`),
    note: (text) => void calls.push(`note ${text}`),
  };
  return { session, calls, said };
}

describe('chat lines', () => {
  it('turns numbers into the offered choice and other text into a message', async () => {
    const { session, said } = recorder();
    await runChatLine('2', { kind: 'list', ids: ['a', 'b'] }, session);
    await runChatLine('2', { kind: 'button', ids: ['a', 'b'] }, session);
    await runChatLine('3', { kind: 'button', ids: ['a', 'b'] }, session);
    await runChatLine('hello there', undefined, session);
    expect(said).toEqual([{ pick: 'b' }, { tap: 'b' }, { user: '3' }, { user: 'hello there' }]);
  });

  it('parses the commands both sessions share', async () => {
    const { session, calls, said } = recorder();
    for (const line of [
      '/help',
      '/restart',
      '/timeout soft_timeout',
      '/timeout',
      '/save my test',
      '/tap',
      '/location 1.5,-2',
      '/media photo',
      '/media image a cat',
      '/nope',
    ]) {
      await runChatLine(line, undefined, session);
    }
    expect(calls).toEqual([
      'help',
      'note starting over',
      'restart',
      'timeout soft_timeout',
      'timeout -',
      'save my test',
      'note usage: /tap <choice id>',
      'note usage: /media <image|video|audio|document|sticker> [caption]',
      'note unknown command /nope; /help lists the commands',
    ]);
    expect(said).toEqual([
      { location: { latitude: 1.5, longitude: -2 } },
      { media: { type: 'image', url: 'https://example.com/image', caption: 'a cat' } },
    ]);
    expect(said.map(toInbound).map((m) => m.kind)).toEqual(['location', 'media']);
  });
});
