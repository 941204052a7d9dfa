/**
 * Where a command writes: its answer to `out` (stdout, for pipes and files), notes and
 * warnings to `err` (stderr). Commands take one instead of using `process` directly, so a
 * caller embedding them can capture both.
 *
 * @inline
 */
export interface Output {
  /** Writes one line of the command's answer. */
  out(line: string): void;
  /** Writes one line of commentary (warnings, notes) to the error stream. */
  err(line: string): void;
}

/** The process's own streams. */
export const processOutput: Output = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};
