import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEventHash, SEAL_STREAM, type RecordedEvent } from "@grantledger/core";
import { CliError } from "../cliError.js";
import { allEvents, buildAuditStore, historyText } from "../testkit/auditHistory.testkit.js";
import { DEFAULT_MAX_LINE_BYTES, historyFileSize, loadHistoryFile, readHistoryFile, type NumberedEvent } from "./historyFile.js";
import { formatHistoryLine } from "./historyLine.js";

let dir: string;
let events: RecordedEvent[];
let lines: string[];
let sealIndex: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grantledger-history-file-"));
  events = await allEvents(await buildAuditStore());
  lines = events.map(formatHistoryLine);
  sealIndex = events.findIndex((event) => event.streamName === SEAL_STREAM);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` to a file of its own and returns its path. */
const file = async (name: string, content: string | Buffer): Promise<string> => {
  const path = join(dir, `${name}.ndjson`);
  await writeFile(path, content);
  return path;
};

const readAll = async (path: string, options: { maxLineBytes?: number } = {}): Promise<NumberedEvent[]> => {
  const read: NumberedEvent[] = [];
  for await (const numbered of readHistoryFile(path, undefined, options)) read.push(numbered);
  return read;
};

/** The one-line error reading the file gives, or `(read)`. */
const refusal = async (path: string, options: { maxLineBytes?: number } = {}): Promise<string> => {
  try {
    await readAll(path, options);
    return "(read)";
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
};

/** The history with line `index` (from 0) replaced. */
const withLine = (index: number, text: string): string => `${lines.map((line, i) => (i === index ? text : line)).join("\n")}\n`;

describe("reading an exported history file", () => {
  it("yields each event with its line and its content hash, computeEventHash's", async () => {
    const path = await file("clean", historyText(events));
    const read = await readAll(path);
    expect(read.map(({ event }) => event)).toEqual(events);
    expect(read.map(({ line }) => line)).toEqual(events.map((_, i) => i + 1));
    for (const { event, contentHash } of read) {
      expect(contentHash).toBe(computeEventHash(event));
      expect(contentHash).toBe(event.metadata["hash"]);
    }
    expect(await loadHistoryFile(path)).toEqual(events);
    expect(read.filter(({ event }) => event.streamName === SEAL_STREAM).map(({ line }) => line)).toEqual([sealIndex + 1]);
  });

  it("reads a last line without its LF", async () => {
    const path = await file("noFinalLf", lines.join("\n"));
    expect((await readAll(path)).map(({ event }) => event)).toEqual(events);
  });

  it("refuses the seal line with a space before a comma, in both passes, naming its line", async () => {
    const path = await file("spaced", withLine(sealIndex, (lines[sealIndex] as string).replace('{"streamName":"seal",', '{"streamName":"seal" ,')));
    expect(await refusal(path)).toBe(
      `${path}:${sealIndex + 1}: not a recorded event: not in the canonical form (the one way our export writes each event); first difference at column 21: ` +
        'found `…Name":"seal" ,"revision":0,"position":15…`, canonical `…Name":"seal","revision":0,"position":15,…`',
    );
  });

  it('refuses the seal line spelled "se\\u0061l", in both passes, naming its line', async () => {
    const path = await file("escaped", withLine(sealIndex, (lines[sealIndex] as string).replace('{"streamName":"seal",', '{"streamName":"se\\u0061l",')));
    expect(await refusal(path)).toMatch(new RegExp(`^${path}:${sealIndex + 1}: not a recorded event: not in the canonical form .*column 18: found \`…eamName":"se\\\\u0061l"`));
  });

  it("refuses a line with a duplicate key, naming its line", async () => {
    const line = lines[2] as string;
    const path = await file("duplicate", withLine(2, line.replace('"data":{', `"data":{"grantId":"zz",`)));
    expect(await refusal(path)).toMatch(new RegExp(`^${path}:3: not a recorded event: not in the canonical form .*first difference at column \\d+`));
  });

  it("refuses a file that starts with a byte-order mark", async () => {
    const path = await file("bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(historyText(events))]));
    expect(await refusal(path)).toBe(`${path}:1: the file starts with a byte-order mark (EF BB BF); an exported history has none`);
  });

  it("refuses a lone CR in line 3, naming line 3", async () => {
    const line = lines[2] as string;
    const at = line.indexOf(',"id"');
    const path = await file("cr", withLine(2, `${line.slice(0, at)}\r${line.slice(at)}`));
    expect(await refusal(path)).toBe(`${path}:3: the line has a carriage return (CR, 0x0D) at byte offset ${Buffer.byteLength(line.slice(0, at))}; lines end with LF alone`);
  });

  it("refuses CRLF line ends", async () => {
    const path = await file("crlf", `${lines.join("\r\n")}\r\n`);
    expect(await refusal(path)).toMatch(new RegExp(`^${path}:1: the line has a carriage return .*; lines end with LF alone$`));
  });

  it("refuses bytes that are not UTF-8 where a reader would have seen U+FFFD, naming line and byte", async () => {
    const line = lines[1] as string;
    const [before, after] = line.split("Bergen kommune") as [string, string];
    const broken = Buffer.concat([Buffer.from(`${lines[0]}\n${before}Bergen kommune`), Buffer.from([0xff]), Buffer.from(`${after}\n`)]);
    const path = await file("latin1", broken);
    expect(await refusal(path)).toBe(`${path}:2: not UTF-8 at byte offset ${Buffer.byteLength(`${before}Bergen kommune`)} of the line (bytes ff 22 2c 22); an exported history is UTF-8`);
    // A line whose bytes were re-encoded as Latin-1 ("ø" as the single byte f8) is refused too.
    const latin1 = Buffer.from(`${lines[0]}\n${lines.find((text) => text.includes("direktør"))}\n`, "latin1");
    expect(await refusal(await file("latin1-whole", latin1))).toMatch(/:2: not UTF-8 at byte offset \d+ of the line \(bytes f8 /);
  });

  it("refuses an empty line and a blank one, but not the final LF", async () => {
    const empty = await file("empty-line", `${lines[0]}\n\n${lines.slice(1).join("\n")}\n`);
    expect(await refusal(empty)).toBe(`${empty}:2: the line is empty; an exported history has no blank lines`);
    const blank = await file("blank-line", `${lines.slice(0, 4).join("\n")}\n  \n${lines.slice(4).join("\n")}\n`);
    expect(await refusal(blank)).toBe(`${blank}:5: the line is blank (only whitespace); an exported history has no blank lines`);
    const trailing = await file("trailing-blank", `${historyText(events)}\n`);
    expect(await refusal(trailing)).toBe(`${trailing}:${events.length + 1}: the line is empty; an exported history has no blank lines`);
  });

  it("refuses a line longer than the limit, and has a default limit of 64 MiB", async () => {
    expect(DEFAULT_MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
    const longest = Math.max(...lines.map((line) => Buffer.byteLength(line)));
    const path = await file("limit", historyText(events));
    expect(await readAll(path, { maxLineBytes: longest })).toHaveLength(events.length);
    expect(await refusal(path, { maxLineBytes: longest - 1 })).toMatch(
      new RegExp(`^${path}:\\d+: the line is longer than ${longest - 1} bytes, the most one line may hold; an exported event is far shorter$`),
    );
    const noNewline = await file("no-newline", `${lines[0]}\n${"x".repeat(300_000)}`);
    expect(await refusal(noNewline, { maxLineBytes: 100_000 })).toBe(`${noNewline}:2: the line is longer than 100000 bytes, the most one line may hold; an exported event is far shorter`);
  });

  it("reports the first problem in file order", async () => {
    const path = await file("two-problems", `${lines[0]}\n{not json\n${lines[2]}\r\n`);
    expect(await refusal(path)).toMatch(new RegExp(`^${path}:2: not a recorded event: not JSON`));
  });

  it("reads a FIFO once, as a stream; its size for the progress bar is 0", async () => {
    const fifo = join(dir, "history.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(await historyFileSize(fifo)).toBe(0);
    const writer = writeFile(fifo, historyText(events));
    const read = await readAll(fifo);
    await writer;
    expect(read.map(({ event }) => event)).toEqual(events);
  });

  it("gives a regular file's size, and names a missing file or a directory in one line", async () => {
    const path = await file("sized", historyText(events));
    expect(await historyFileSize(path)).toBe(Buffer.byteLength(historyText(events)));
    const missing = join(dir, "missing.ndjson");
    await expect(historyFileSize(missing)).rejects.toThrow(new CliError(`cannot read ${missing}: no such file`));
    expect(await refusal(missing)).toBe(`cannot read ${missing}: no such file`);
    const sub = join(dir, "a-directory");
    await mkdir(sub);
    await expect(historyFileSize(sub)).rejects.toThrow(new CliError(`cannot read ${sub}: it is a directory`));
    expect(await refusal(sub)).toBe(`cannot read ${sub}: it is a directory`);
  });
});
