/**
 * Expected failures carry their exit code and a message meant for a person; main() prints
 * them without a stack trace. Anything else is a bug and is reported as one.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong command line: exit 2 and a pointer to --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
