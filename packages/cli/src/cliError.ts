/**
 * The command's exit codes. A broken history and a failed operation share 1: a script asks
 * "did it hold?", and either way the answer is no. 2 is kept for a command line that cannot run.
 */
export const EXIT_OK = 0;
/** The history does not hold, or the operation failed. */
export const EXIT_FAILED = 1;
/** The command line cannot run: a bad option, a missing argument, an unknown store URL. */
export const EXIT_USAGE = 2;
/** `verify` found no events at all: nothing was verified, which a script must not take for intact. */
export const EXIT_EMPTY = 3;

/**
 * An error that ends the command: one line saying what went wrong and where, and the exit code.
 * Thrown anywhere in a command and turned into stderr output in one place (`runCli`).
 */
export class CliError extends Error {
  /**
   * @param message - the one line to print after `error: `.
   * @param exitCode - the code the command exits with: {@link EXIT_FAILED} unless the command line is at fault.
   */
  constructor(
    message: string,
    readonly exitCode: typeof EXIT_FAILED | typeof EXIT_USAGE = EXIT_FAILED,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A command line that cannot run: a bad option value, a missing store, options that exclude each other. */
export const usageError = (message: string): CliError => new CliError(message, EXIT_USAGE);

/** The message of anything thrown, on one line. */
export const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ").trim();
