import cliProgress from "cli-progress";

/** Progress of one piece of work; both methods are cheap enough to call for every event. */
export interface Progress {
  /** How far the work is, in the unit the progress was started with. */
  update(value: number): void;
  /** Ends the work; removes the bar if one was shown. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. `verifying`. */
  readonly label: string;
  /** The value at which the work is done; without it the bar only counts. */
  readonly total?: number;
  /** What the value counts, shown when there is no total (`events`). */
  readonly unit: string;
  /** Where to draw; defaults to stderr, so that stdout stays the command's answer. */
  readonly stream?: NodeJS.WriteStream;
}

/** Work shorter than this gets no bar: it would only flicker. */
const SHOW_AFTER_MS = 1_000;

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr for work that takes longer than a second, drawn only when stderr is
 * a terminal: piped or captured output (a script, CI, a test) never sees control characters.
 */
export const startProgress = (options: ProgressOptions): Progress => {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY !== true) return NO_PROGRESS;
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  const format =
    options.total === undefined
      ? `${options.label} {value} ${options.unit} | {duration_formatted}`
      : `${options.label} [{bar}] {percentage}% | ETA {eta_formatted}`;
  return {
    update: (value) => {
      if (bar !== undefined) {
        bar.update(value);
        return;
      }
      if (Date.now() - startedAt < SHOW_AFTER_MS) return;
      bar = new cliProgress.SingleBar({ format, stream, hideCursor: true, clearOnComplete: true, fps: 10 }, cliProgress.Presets.shades_classic);
      bar.start(options.total ?? 0, value);
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
};
