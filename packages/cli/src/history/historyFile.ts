import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { SEAL_STREAM, type RecordedEvent } from "@grantledger/core";
import { CliError } from "../cliError.js";
import { HistoryLineError, parseHistoryLine } from "./historyLine.js";

/** A recorded event read from a history file, with the 1-based line it was on. */
export interface NumberedEvent {
  /** The event, as a store would return it. */
  readonly event: RecordedEvent;
  /** The line of the file it is on, from 1. */
  readonly line: number;
}

/** Called now and then while a file is read, with the bytes read so far. */
export type OnBytesRead = (bytesRead: number) => void;

const describeFsError = (path: string, error: unknown): string => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return `cannot read ${path}: no such file`;
  if (code === "EISDIR") return `cannot read ${path}: it is a directory`;
  if (code === "EACCES") return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
};

/** The size of a history file in bytes, for a progress bar; a missing file is a one-line error. */
export const historyFileSize = async (path: string): Promise<number> => {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`cannot read ${path}: it is a directory`);
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(path, error));
  }
};

/**
 * The non-blank lines of a file with their numbers, read as a stream so that a history of any
 * size passes in bounded memory.
 */
async function* numberedLines(path: string, onBytesRead?: OnBytesRead): AsyncGenerator<{ text: string; line: number }> {
  const input = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const opened = new Promise<void>((resolve, reject) => {
    input.once("ready", () => resolve());
    input.once("error", reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new CliError(describeFsError(path, error));
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if ((line & 0x3ff) === 0) onBytesRead?.(input.bytesRead);
      if (text.trim() !== "") yield { text, line };
    }
    onBytesRead?.(input.bytesRead);
  } finally {
    lines.close();
    input.destroy();
  }
}

const atLine = (path: string, error: unknown): never => {
  if (error instanceof HistoryLineError) throw new CliError(`${path}:${error.line}: not a recorded event: ${error.message}`);
  throw error;
};

/** Every event of an exported NDJSON history, in file order. A corrupt line is a `CliError` naming it. */
export async function* readHistoryFile(path: string, onBytesRead?: OnBytesRead): AsyncGenerator<NumberedEvent> {
  for await (const { text, line } of numberedLines(path, onBytesRead)) {
    let event: RecordedEvent;
    try {
      event = parseHistoryLine(text, line);
    } catch (error) {
      return atLine(path, error);
    }
    yield { event, line };
  }
}

const SEAL_LINE_START = `{"streamName":${JSON.stringify(SEAL_STREAM)},`;
const OUR_LINE_START = '{"streamName":"';

/**
 * The seal events of a history file, read in a first pass so that verification can check each
 * seal's root at its own position in the second. Lines of our own format are recognised by
 * their start without being parsed, which keeps this pass cheap.
 */
export const readHistorySeals = async (path: string, onBytesRead?: OnBytesRead): Promise<readonly NumberedEvent[]> => {
  const seals: NumberedEvent[] = [];
  for await (const { text, line } of numberedLines(path, onBytesRead)) {
    if (text.startsWith(OUR_LINE_START) && !text.startsWith(SEAL_LINE_START)) continue;
    let event: RecordedEvent;
    try {
      event = parseHistoryLine(text, line);
    } catch (error) {
      return atLine(path, error);
    }
    if (event.streamName === SEAL_STREAM) seals.push({ event, line });
  }
  return seals;
};

/** A whole history file in memory, in file order (for reading it as a store). */
export const loadHistoryFile = async (path: string, onBytesRead?: OnBytesRead): Promise<readonly RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const { event } of readHistoryFile(path, onBytesRead)) events.push(event);
  return events;
};
