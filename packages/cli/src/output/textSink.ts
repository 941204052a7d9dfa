import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { CliError, oneLine } from "../cliError.js";

/** Where an export writes: text in, written in large chunks with backpressure. */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Flushes and finishes: a file appears under its name only now, whole. */
  close(): Promise<void>;
  /** Gives up: a file being written is removed, so no half export is left behind. */
  abort(): Promise<void>;
}

const CHUNK = 1 << 16;

const waitDrain = async (stream: NodeJS.WritableStream, text: string): Promise<void> => {
  if (!stream.write(text)) await once(stream, "drain");
};

/**
 * A sink on stdout, or on `file` by way of `file.partial`, renamed at the end: an export that
 * fails half-way leaves the previous file (if any) as it was.
 */
export const openTextSink = async (file: string | undefined): Promise<TextSink> => {
  let buffer = "";
  if (file === undefined) {
    return {
      write: async (text) => {
        buffer += text;
        if (buffer.length >= CHUNK) {
          const chunk = buffer;
          buffer = "";
          await waitDrain(process.stdout, chunk);
        }
      },
      close: async () => {
        if (buffer !== "") await waitDrain(process.stdout, buffer);
        buffer = "";
      },
      abort: async () => undefined,
    };
  }
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial, { encoding: "utf8" });
  try {
    await once(stream, "open");
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${oneLine(error)}`);
  }
  const failed = (error: unknown): CliError => new CliError(`cannot write ${file}: ${oneLine(error)}`);
  return {
    write: async (text) => {
      buffer += text;
      if (buffer.length < CHUNK) return;
      const chunk = buffer;
      buffer = "";
      await waitDrain(stream, chunk).catch((error: unknown) => Promise.reject(failed(error)));
    },
    close: async () => {
      try {
        stream.end(buffer);
        buffer = "";
        await once(stream, "finish");
        await rename(partial, file);
      } catch (error) {
        throw failed(error);
      }
    },
    abort: async () => {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
};
