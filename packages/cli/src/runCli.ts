import { CommanderError } from "commander";
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, oneLine } from "./cliError.js";
import { processOutput, type Output } from "./output/output.js";
import { buildProgram, type ExitCodeSink } from "./program.js";

/**
 * Runs the `grantledger` command on `argv` (as in `process.argv`: node, script, then the
 * arguments) and returns its exit code. Every error becomes one line on stderr: what went wrong
 * and where. Nothing here calls `process.exit`, so pending output is flushed before the end.
 */
export const runCli = async (argv: readonly string[], output: Output = processOutput): Promise<number> => {
  const sink: ExitCodeSink = { exitCode: EXIT_OK };
  const program = buildProgram(output, sink);
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv]);
    return sink.exitCode;
  } catch (error) {
    // Commander has already printed its one-line message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof CliError) {
      output.err(`error: ${oneLine(error)}`);
      return error.exitCode;
    }
    output.err(`error: unexpected failure: ${oneLine(error)}`);
    return EXIT_FAILED;
  }
};
