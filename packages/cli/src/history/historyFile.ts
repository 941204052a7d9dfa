import { stat } from "node:fs/promises";
import type { RecordedEvent } from "@grantledger/core";
import { CliError } from "../cliError.js";
import { describeFsError } from "./fsError.js";
import { HistoryLineError, parseHistoryLineWithHash, type HashedHistoryLine } from "./historyLine.js";
import { fileChunks, lineBatches, type LineReaderOptions, type NumberedLine, type OnBytesRead } from "./lineReader.js";

export { DEFAULT_MAX_LINE_BYTES, type LineReaderOptions, type OnBytesRead } from "./lineReader.js";

/** A recorded event read from a history file, with the 1-based line it was on. */
export interface NumberedEvent {
  /** The event, as a store would return it. */
  readonly event: RecordedEvent;
  /** The line of the file it is on, from 1. */
  readonly line: number;
  /** Its content hash (docs/audit.md §1), as `computeEventHash` gives it, computed while its line was checked. */
  readonly contentHash: string;
}

/**
 * The size of a history file in bytes, for a progress bar; 0 for a FIFO or anything else that
 * is not a regular file (its size says nothing). A missing file is a one-line error.
 */
export const historyFileSize = async (path: string): Promise<number> => {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`cannot read ${path}: it is a directory`);
    if (info.isFIFO() || !info.isFile()) return 0;
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(path, error));
  }
};

const atLine = (path: string, error: unknown): never => {
  if (error instanceof HistoryLineError) throw new CliError(`${path}:${error.line}: not a recorded event: ${error.message}`);
  throw error;
};

/**
 * Every event of an exported NDJSON history, in file order, read once as a stream (a FIFO
 * works) in memory bounded by the longest line allowed. Each line has one reading
 * (docs/audit.md §4.1): strict UTF-8, LF alone, and byte for byte the canonical line of the
 * event it parses to (`parseHistoryLineWithHash`); anything else is a `CliError` naming the
 * file and line.
 */
export async function* readHistoryFile(path: string, onBytesRead?: OnBytesRead, options: LineReaderOptions = {}): AsyncGenerator<NumberedEvent> {
  for await (const batch of readHistoryBatches(path, onBytesRead, options)) yield* batch;
}

/**
 * The events of {@link readHistoryFile} a chunk of the file at a time, so that a consumer awaits
 * once a chunk rather than once an event. Each batch parses its lines as it is iterated, so a
 * line that is no event is refused only once the events before it have been taken.
 */
export async function* readHistoryBatches(path: string, onBytesRead?: OnBytesRead, options: LineReaderOptions = {}): AsyncGenerator<Iterable<NumberedEvent>> {
  for await (const lines of lineBatches(fileChunks(path, onBytesRead), path, options)) yield parsedLines(path, lines);
}

function* parsedLines(path: string, lines: readonly NumberedLine[]): Generator<NumberedEvent> {
  for (const { text, line } of lines) {
    let read: HashedHistoryLine;
    try {
      read = parseHistoryLineWithHash(text, line);
    } catch (error) {
      return atLine(path, error);
    }
    yield { event: read.event, line, contentHash: read.contentHash };
  }
}

/** A whole history file in memory, in file order (for reading it as a store). */
export const loadHistoryFile = async (path: string, onBytesRead?: OnBytesRead, options: LineReaderOptions = {}): Promise<readonly RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const { event } of readHistoryFile(path, onBytesRead, options)) events.push(event);
  return events;
};
