/** The `parley` command as a library: `main(argv, io)` is what bin/parley.mjs runs. */
export { main, topLevelHelp, VERSION, type CommandRunner } from './main';
export type { Io } from './io';
