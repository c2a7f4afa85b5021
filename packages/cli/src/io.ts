/** What a command may touch of the outside world; tests pass fakes, the bin passes the process's. */
/** What each command module exports: it runs the command and returns the exit code. */
export type CommandRunner = (argv: string[], io: Io) => Promise<number>;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** ANSI colors: only when stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
  /** stdin is a terminal (prompts are shown); false for piped scripts. */
  interactive: boolean;
  stdin: NodeJS.ReadableStream;
  /** The terminal itself, for line editing and history in interactive `parley chat`. */
  terminal?: NodeJS.WritableStream;
  cwd: string;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
/** The flows or tests have errors. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Paint = (style: keyof typeof CODES, text: string) => string;

export function painter(color: boolean): Paint {
  return (style, text) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}
