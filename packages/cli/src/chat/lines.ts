/** The chat's input: readline with editing and history on a terminal, plain lines from a script. */
import { createInterface, type Interface } from 'node:readline';
import type { Io, Paint } from '../io';

export interface LineInput {
  reader: Interface;
  /** Shows the `you ›` prompt (only when a person is typing). */
  prompt: () => void;
  /** Scripted input is echoed so the printed conversation reads like a transcript. */
  echo: (line: string) => void;
}

export function openLineInput(io: Io, paint: Paint): LineInput {
  const terminal = io.interactive ? io.terminal : undefined;
  const reader = terminal
    ? createInterface({ input: io.stdin, output: terminal, terminal: true, historySize: 200, prompt: paint('green', 'you › ') })
    : createInterface({ input: io.stdin, terminal: false });
  return {
    reader,
    prompt: () => {
      if (terminal) reader.prompt();
      else if (io.interactive) io.stdout(paint('green', 'you › '));
    },
    echo: (line) => {
      if (!io.interactive && line) io.stdout(`${paint('green', 'you ›')} ${line}\n`);
    },
  };
}

/** Input that already ended (e.g. consumed while picking a flow) would never close a new reader. */
export function inputEnded(io: Io): boolean {
  return Boolean((io.stdin as { readableEnded?: boolean }).readableEnded);
}
