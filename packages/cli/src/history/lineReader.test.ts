import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../cliError.js";
import { DEFAULT_MAX_LINE_BYTES, firstInvalidUtf8, lineBatches, maxLineBytesFromEnv, readLines, type LineReaderOptions, type NumberedLine } from "./lineReader.js";

const bytes = (...parts: (string | readonly number[])[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))));

/** The source cut into chunks of `size` bytes (all at once without a size). */
async function* chunked(content: Uint8Array, size = content.length): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
}

/** Every line of `content`, or the refusal, with the lines yielded before it. */
const split = async (content: Uint8Array, options: LineReaderOptions & { chunk?: number } = {}): Promise<{ lines: NumberedLine[]; error?: string }> => {
  const lines: NumberedLine[] = [];
  try {
    for await (const batch of lineBatches(chunked(content, options.chunk), "h.ndjson", options)) lines.push(...batch);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { lines, error: error.message };
  }
  return { lines };
};

const texts = (lines: readonly NumberedLine[]): string[] => lines.map(({ text }) => text);

describe("reading lines: LF alone, strict UTF-8", () => {
  it("splits on LF, numbering from 1; the last line may lack its LF; an empty file has none", async () => {
    for (const chunk of [undefined, 1, 2, 3, 7]) {
      expect((await split(bytes("a\nbø\n😀c\n"), { chunk })).lines).toEqual([
        { text: "a", line: 1 },
        { text: "bø", line: 2 },
        { text: "😀c", line: 3 },
      ]);
      expect(await split(bytes("a\nbø\n😀c"), { chunk })).toEqual({ lines: [{ text: "a", line: 1 }, { text: "bø", line: 2 }, { text: "😀c", line: 3 }] });
    }
    expect(await split(bytes(""))).toEqual({ lines: [] });
    expect(await split(bytes("{}"))).toEqual({ lines: [{ text: "{}", line: 1 }] });
  });

  it("reads any lines back exactly, however the bytes are cut into chunks", async () => {
    const line = fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).filter((text) => !/[\n\r]/.test(text) && text.trim() !== "");
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), async (lines, finalLf, chunk) => {
        const content = bytes(lines.join("\n") + (finalLf ? "\n" : ""));
        expect(await split(content, { chunk })).toEqual({ lines: lines.map((text, index) => ({ text, line: index + 1 })) });
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a lone CR inside line 3, naming line 3 and the byte, after yielding lines 1 and 2", async () => {
    for (const chunk of [undefined, 1, 5]) {
      const { lines, error } = await split(bytes('{"a":1}\n{"b":2}\n{"c":\r3}\n{"d":4}\n'), { chunk });
      expect(texts(lines)).toEqual(['{"a":1}', '{"b":2}']);
      expect(error).toBe("h.ndjson:3: the line has a carriage return (CR, 0x0D) at byte offset 5; lines end with LF alone");
    }
  });

  it("refuses CRLF line ends at the first line", async () => {
    expect(await split(bytes("ab\r\ncd\r\n"))).toEqual({ lines: [], error: "h.ndjson:1: the line has a carriage return (CR, 0x0D) at byte offset 2; lines end with LF alone" });
    expect((await split(bytes("ab\ncd\r"))).error).toBe("h.ndjson:2: the line has a carriage return (CR, 0x0D) at byte offset 2; lines end with LF alone");
  });

  it("refuses a byte-order mark at the start of the file, even cut across chunks", async () => {
    for (const chunk of [undefined, 1, 2]) {
      expect(await split(bytes([0xef, 0xbb, 0xbf], '{"a":1}\n'), { chunk })).toEqual({
        lines: [],
        error: "h.ndjson:1: the file starts with a byte-order mark (EF BB BF); an exported history has none",
      });
    }
    // Elsewhere U+FEFF is a character like any other, kept (not stripped) for the parser to refuse.
    expect((await split(bytes("a\n", [0xef, 0xbb, 0xbf], "b\n"))).lines).toEqual([
      { text: "a", line: 1 },
      { text: "\ufeffb", line: 2 },
    ]);
  });

  it("refuses bytes that are not UTF-8, saying where in the line they are, instead of reading U+FFFD", async () => {
    const cases: [Buffer, number, string][] = [
      [bytes('{"a":"x', [0xff], '"}'), 7, "ff 22 7d"],
      [bytes('{"ø":"', [0xc0, 0xaf], '"}'), 7, "c0 af 22 7d"], // an overlong "/"
      [bytes("ab", [0xed, 0xa0, 0x80]), 2, "ed a0 80"], // a surrogate, encoded
      [bytes("ab€", [0xe2, 0x82]), 5, "e2 82"], // cut short at the end of the line
      [bytes([0xf4, 0x90, 0x80, 0x80]), 0, "f4 90 80 80"], // beyond U+10FFFF
      [bytes([0x80]), 0, "80"],
    ];
    for (const [line, at, shown] of cases) {
      for (const chunk of [undefined, 1]) {
        const { lines, error } = await split(Buffer.concat([bytes("ok\n"), line, bytes("\nnext\n")]), { chunk });
        expect(texts(lines)).toEqual(["ok"]);
        expect(error).toBe(`h.ndjson:2: not UTF-8 at byte offset ${at} of the line (bytes ${shown}); an exported history is UTF-8`);
      }
    }
  });

  it("finds the first ill-formed byte exactly where the strict decoder fails", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const decodes = (part: Uint8Array): boolean => {
      try {
        decoder.decode(part);
        return true;
      } catch {
        return false;
      }
    };
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x9f, 0xa0, 0x8f, 0x90));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), fc.string({ unit: "binary", maxLength: 4 }), (raw, valid) => {
        const content = Buffer.concat([Buffer.from(valid, "utf8"), Buffer.from(raw)]);
        const at = firstInvalidUtf8(content);
        expect(at === -1).toBe(decodes(content));
        if (at !== -1) {
          expect(decodes(content.subarray(0, at))).toBe(true);
          expect(at).toBeGreaterThanOrEqual(Buffer.byteLength(valid));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses an empty or blank line, but not the empty rest after the final LF", async () => {
    expect(await split(bytes("a\n\nb\n"))).toEqual({ lines: [{ text: "a", line: 1 }], error: "h.ndjson:2: the line is empty; an exported history has no blank lines" });
    expect(await split(bytes("a\n \t \nb\n"))).toEqual({ lines: [{ text: "a", line: 1 }], error: "h.ndjson:2: the line is blank (only whitespace); an exported history has no blank lines" });
    expect(await split(bytes("\n"))).toEqual({ lines: [], error: "h.ndjson:1: the line is empty; an exported history has no blank lines" });
    expect(await split(bytes("a\n\n"))).toEqual({ lines: [{ text: "a", line: 1 }], error: "h.ndjson:2: the line is empty; an exported history has no blank lines" });
    expect(await split(bytes("a\n"))).toEqual({ lines: [{ text: "a", line: 1 }] });
  });

  it("takes a line of the limit and refuses one byte more, saying the limit", async () => {
    const limit = 100;
    expect(await split(bytes("x".repeat(limit), "\n", "y"), { maxLineBytes: limit, chunk: 7 })).toEqual({ lines: [{ text: "x".repeat(limit), line: 1 }, { text: "y", line: 2 }] });
    for (const chunk of [undefined, 7]) {
      expect(await split(bytes("ok\n", "x".repeat(limit + 1), "\n"), { maxLineBytes: limit, chunk })).toEqual({
        lines: [{ text: "ok", line: 1 }],
        error: "h.ndjson:2: the line is longer than 100 bytes, the most one line may hold; an exported event is far shorter",
      });
    }
  });

  it("has a default limit of 64 MiB", () => {
    expect(DEFAULT_MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
  });

  it("stops reading a line with no LF as soon as it passes the limit, so memory stays bounded", async () => {
    // An endless line: a reader that kept buffering it would never end, or run out of memory.
    let pulled = 0;
    async function* endless(chunk: Buffer): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const readAll = async (source: AsyncIterable<Uint8Array>, options: LineReaderOptions): Promise<string> => {
      try {
        for await (const _ of lineBatches(source, "endless", options)) throw new Error("a line came out");
      } catch (error) {
        if (error instanceof CliError) return error.message;
        throw error;
      }
      throw new Error("the endless line ended");
    };
    expect(await readAll(endless(Buffer.alloc(4096, 0x61)), { maxLineBytes: 1_000_000 })).toBe(
      "endless:1: the line is longer than 1000000 bytes, the most one line may hold; an exported event is far shorter",
    );
    expect(pulled).toBeLessThanOrEqual(1_000_000 + 4096);
    // With the default: the same 1 MiB chunk over and over, 65 of them and no more.
    pulled = 0;
    expect(await readAll(endless(Buffer.alloc(1024 * 1024, 0x61)), {})).toBe(
      "endless:1: the line is longer than 64 MiB (67108864 bytes), the most one line may hold; an exported event is far shorter",
    );
    expect(pulled).toBe(65 * 1024 * 1024);
  });
});

describe("reading the lines of a file", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "grantledger-lines-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const collect = async (path: string, options: Parameters<typeof readLines>[1] = {}): Promise<NumberedLine[]> => {
    const lines: NumberedLine[] = [];
    for await (const line of readLines(path, options)) lines.push(line);
    return lines;
  };

  it("reads a file, reporting bytes read", async () => {
    const path = join(dir, "plain.ndjson");
    await writeFile(path, "one\ntwo\n");
    const seen: number[] = [];
    expect(await collect(path, { onBytesRead: (n) => seen.push(n) })).toEqual([
      { text: "one", line: 1 },
      { text: "two", line: 2 },
    ]);
    expect(seen.at(-1)).toBe(8);
  });

  it("refuses a 3 MiB line with no LF in a file after reading little more than the limit", async () => {
    const path = join(dir, "long.ndjson");
    await writeFile(path, Buffer.alloc(3 * 1024 * 1024, 0x7b));
    let read = 0;
    await expect(collect(path, { maxLineBytes: 512 * 1024, onBytesRead: (n) => (read = n) })).rejects.toThrow(
      new CliError(`${path}:1: the line is longer than 524288 bytes, the most one line may hold; an exported event is far shorter`),
    );
    expect(read).toBeLessThanOrEqual(1024 * 1024);
  });

  it("names a missing file and a directory in one line", async () => {
    await expect(collect(join(dir, "nope.ndjson"))).rejects.toThrow(new CliError(`cannot read ${join(dir, "nope.ndjson")}: no such file`));
    await mkdir(join(dir, "sub"));
    await expect(collect(join(dir, "sub"))).rejects.toThrow(new CliError(`cannot read ${join(dir, "sub")}: it is a directory`));
  });

  it("reads a FIFO, which can be read only once and has no size", async () => {
    const fifo = join(dir, "lines.fifo");
    execFileSync("mkfifo", [fifo]);
    const writer = writeFile(fifo, "a\nb\nc");
    const lines = await collect(fifo);
    await writer;
    expect(lines).toEqual([
      { text: "a", line: 1 },
      { text: "b", line: 2 },
      { text: "c", line: 3 },
    ]);
  });
});

describe("the line limit from GRANTLEDGER_MAX_LINE_BYTES", () => {
  it("is the default when unset or empty, and the bytes given otherwise", () => {
    expect(maxLineBytesFromEnv({})).toBe(DEFAULT_MAX_LINE_BYTES);
    expect(maxLineBytesFromEnv({ GRANTLEDGER_MAX_LINE_BYTES: "" })).toBe(DEFAULT_MAX_LINE_BYTES);
    expect(maxLineBytesFromEnv({ GRANTLEDGER_MAX_LINE_BYTES: "4096" })).toBe(4096);
  });

  it.each(["0", "-1", "1.5", "64MiB", " 12"])("refuses %j as a usage error naming the variable", (given) => {
    expect(() => maxLineBytesFromEnv({ GRANTLEDGER_MAX_LINE_BYTES: given })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining("GRANTLEDGER_MAX_LINE_BYTES") }));
  });
});
