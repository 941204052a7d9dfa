import { createReadStream } from "node:fs";
import { CliError, EXIT_USAGE } from "../cliError.js";
import { describeFsError } from "./fsError.js";

/** The longest line read by default, in bytes (64 MiB): far beyond any event, and memory stays bounded by it. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The environment variable that sets the longest line every command reads, in bytes. */
export const MAX_LINE_BYTES_ENV = "GRANTLEDGER_MAX_LINE_BYTES";

/**
 * The longest line to read: {@link MAX_LINE_BYTES_ENV} when set (a whole number of bytes, at
 * least 1), else {@link DEFAULT_MAX_LINE_BYTES}. A bad setting is a one-line usage error.
 */
export const maxLineBytesFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const given = env[MAX_LINE_BYTES_ENV];
  if (given === undefined || given === "") return DEFAULT_MAX_LINE_BYTES;
  const bytes = /^[0-9]+$/.test(given) ? Number(given) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new CliError(`${MAX_LINE_BYTES_ENV}="${given}" is not a whole number of bytes of at least 1`, EXIT_USAGE);
  return bytes;
};

/** Called now and then while a file is read, with the bytes read so far. */
export type OnBytesRead = (bytesRead: number) => void;

/** How lines are read. */
export interface LineReaderOptions {
  /** The longest line taken, in bytes without its LF; a longer one is refused. Defaults to `GRANTLEDGER_MAX_LINE_BYTES` when set, else {@link DEFAULT_MAX_LINE_BYTES}. */
  readonly maxLineBytes?: number;
}

/** One line of a file, decoded, without its LF, with its number from 1. */
export interface NumberedLine {
  /** The line's text. */
  readonly text: string;
  /** Its number in the file, from 1. */
  readonly line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;
const MIB = 1024 * 1024;

const describeLimit = (bytes: number): string => (bytes % MIB === 0 ? `${bytes / MIB} MiB (${bytes} bytes)` : `${bytes} bytes`);

/**
 * Where the first byte sequence that is not well-formed UTF-8 (Unicode §3.9, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF) starts, or -1.
 */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[at + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return at;
    }
    at += trailing + 1;
  }
  return -1;
};

const hexBytes = (bytes: Uint8Array, at: number): string =>
  Array.from(bytes.subarray(at, at + 4), (byte) => byte.toString(16).padStart(2, "0")).join(" ");

/**
 * Cuts bytes into lines at LF (0x0A) and nothing else, decoding each as strict UTF-8. Refuses,
 * as a `CliError` `<label>:<line>: …`, everything that would let a line be read two ways or
 * not at all: bytes that are not UTF-8, a carriage return anywhere, a byte-order mark at the
 * start, an empty or blank line (the empty rest after the final LF is no line), and a line
 * longer than the limit, refused as soon as it is, so that no more than the limit is held.
 */
class LineSplitter {
  /** The number of the line being read, from 1. */
  private line = 1;
  /** The bytes of that line read so far, in the chunks they came in. */
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  /** How many of the file's first bytes matched the BOM's, until one did not (then -1). */
  private bomMatched = 0;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(
    private readonly label: string,
    private readonly maxLineBytes: number,
  ) {}

  private fail(reason: string): never {
    throw new CliError(`${this.label}:${this.line}: ${reason}`);
  }

  private checkBom(chunk: Uint8Array): void {
    for (let index = 0; index < chunk.length && this.bomMatched >= 0; index++) {
      if (chunk[index] !== BOM[this.bomMatched]) this.bomMatched = -1;
      else if (++this.bomMatched === BOM.length) this.fail("the file starts with a byte-order mark (EF BB BF); an exported history has none");
    }
  }

  private tooLong(): never {
    return this.fail(`the line is longer than ${describeLimit(this.maxLineBytes)}, the most one line may hold; an exported event is far shorter`);
  }

  /** The lines `chunk` completes, added to `out`; a refusal throws after `out` holds the lines before it. */
  push(chunk: Uint8Array, out: NumberedLine[]): void {
    if (this.bomMatched >= 0) this.checkBom(chunk);
    // The first CR of the chunk, if any: refused when the line it is on is reached.
    const cr = chunk.indexOf(CR);
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf;
      if (cr !== -1 && cr < end) {
        this.fail(`the line has a carriage return (CR, 0x0D) at byte offset ${this.partBytes + cr - start}; lines end with LF alone`);
      }
      if (this.partBytes + end - start > this.maxLineBytes) this.tooLong();
      if (lf === -1) {
        if (end > start) {
          this.parts.push(chunk.subarray(start));
          this.partBytes += end - start;
        }
        return;
      }
      const piece = chunk.subarray(start, end);
      let bytes = piece;
      if (this.parts.length > 0) {
        this.parts.push(piece);
        bytes = Buffer.concat(this.parts, this.partBytes + piece.length);
        this.parts = [];
        this.partBytes = 0;
      }
      out.push(this.decode(bytes));
      this.line += 1;
      start = lf + 1;
    }
  }

  /** The last line, when the file does not end with LF. */
  end(out: NumberedLine[]): void {
    if (this.parts.length === 0) return;
    const bytes = Buffer.concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    out.push(this.decode(bytes));
  }

  private decode(bytes: Uint8Array): NumberedLine {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return this.fail(`not UTF-8 at byte offset ${at} of the line (bytes ${hexBytes(bytes, at)}); an exported history is UTF-8`);
    }
    if (text.length === 0) this.fail("the line is empty; an exported history has no blank lines");
    const first = text.charCodeAt(0);
    // Only a line that does not start as an event can be blank; most lines are spared the trim.
    if (first !== 0x7b && text.trim() === "") this.fail("the line is blank (only whitespace); an exported history has no blank lines");
    return { text, line: this.line };
  }
}

/**
 * The lines of a byte stream, in batches (one per chunk read, so that a consumer awaits once a
 * chunk rather than once a line), by the rules of {@link LineSplitter}. On a refusal the lines
 * before it are yielded first, so that the first problem in file order is the one reported.
 */
export async function* lineBatches(source: AsyncIterable<Uint8Array>, label: string, options: LineReaderOptions = {}): AsyncGenerator<readonly NumberedLine[]> {
  const splitter = new LineSplitter(label, options.maxLineBytes ?? maxLineBytesFromEnv());
  const step = function* (feed: (out: NumberedLine[]) => void): Generator<readonly NumberedLine[]> {
    const out: NumberedLine[] = [];
    let refused: CliError | undefined;
    try {
      feed(out);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      refused = error;
    }
    if (out.length > 0) yield out;
    if (refused !== undefined) throw refused;
  };
  for await (const chunk of source) yield* step((out) => splitter.push(chunk, out));
  yield* step((out) => splitter.end(out));
}

/**
 * The bytes of a file, read once from the start as a stream: a FIFO works as well as a
 * file. A file that cannot be read is a one-line `CliError`.
 */
export async function* fileChunks(path: string, onBytesRead?: OnBytesRead): AsyncGenerator<Buffer> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let bytesRead = 0;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw new CliError(describeFsError(path, error));
      }
      if (next.done === true) return;
      bytesRead += next.value.length;
      onBytesRead?.(bytesRead);
      yield next.value;
    }
  } finally {
    input.destroy();
  }
}

/** The lines of a file, one by one, by the rules of {@link lineBatches}; errors name the file. */
export async function* readLines(path: string, options: LineReaderOptions & { readonly onBytesRead?: OnBytesRead } = {}): AsyncGenerator<NumberedLine> {
  for await (const lines of lineBatches(fileChunks(path, options.onBytesRead), path, options)) yield* lines;
}
