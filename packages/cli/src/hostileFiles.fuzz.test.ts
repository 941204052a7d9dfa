import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_EMPTY, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./cliError.js";
import { MAX_LINE_BYTES_ENV } from "./history/lineReader.js";
import { runCli } from "./runCli.js";
import { allEvents, buildAuditStore, historyText } from "./testkit/auditHistory.testkit.js";

/*
 * Hostile history files against every command that reads one, in process: random bytes, real
 * lines cut, spliced and mutated, deep nesting, byte-order marks, CR, bytes that are not UTF-8,
 * lines past the line limit. Whatever the file, the command ends with one of its documented
 * exit codes, every error is one line naming the file, and nothing is an "unexpected failure" or
 * a stack trace (an unhandled rejection would fail the run by itself). Nesting stays under the
 * line limit, so that the depth check, not the length check, is what meets it.
 */

const LINE_LIMIT = 4096;
let dir: string;
let lines: string[];
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grantledger-hostile-"));
  lines = historyText(await allEvents(await buildAuditStore())).trimEnd().split("\n");
  process.env[MAX_LINE_BYTES_ENV] = String(LINE_LIMIT);
});

afterAll(async () => {
  delete process.env[MAX_LINE_BYTES_ENV];
  await rm(dir, { recursive: true, force: true });
});

const realLine = (): fc.Arbitrary<Uint8Array> => fc.integer({ min: 0, max: 1_000 }).map((index) => Buffer.from(lines[index % lines.length] ?? ""));

/** One hostile piece of a file. */
const piece: fc.Arbitrary<Uint8Array> = fc.oneof(
  realLine(),
  realLine(), // the real history, whole lines, in any order
  fc.tuple(realLine(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([line, at, bytes]) => {
    const cut = at % Math.max(line.length, 1);
    return Buffer.concat([line.subarray(0, cut), bytes, line.subarray(cut + 1)]);
  }),
  fc.tuple(realLine(), fc.nat()).map(([line, at]) => line.subarray(0, at % Math.max(line.length, 1))),
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    Buffer.from("\n"),
    Buffer.from("\r\n"),
    Buffer.from("\r"),
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from([0xc3, 0x28]), // not UTF-8
    Buffer.from([0xed, 0xa0, 0x80]), // an encoded lone surrogate
    Buffer.from('"\\ud800"'),
    Buffer.from("{}"),
    Buffer.from("null"),
    Buffer.from("x".repeat(LINE_LIMIT + 1)),
  ),
  fc.integer({ min: 1, max: 2_000 }).map((depth) => Buffer.from(`{"streamName":"grant-a","metadata":${"[".repeat(depth)}${"]".repeat(depth)}}`)),
  fc.json().map((json) => Buffer.from(json)),
);

const hostileFile: fc.Arbitrary<Buffer> = fc
  .array(fc.tuple(piece, fc.boolean()), { maxLength: 12 })
  .map((parts) => Buffer.concat(parts.flatMap(([bytes, newline]) => (newline ? [bytes, Buffer.from("\n")] : [bytes]))));

const COMMANDS: readonly (readonly string[])[] = [["verify"], ["verify", "--rules"], ["totals", "--by", "municipality"], ["history", "a"], ["export"]];

describe("every command that reads a history file, on hostile files", () => {
  it("ends with a documented exit code, one-line errors naming the file, never an unexpected failure", async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, fc.constantFrom(...COMMANDS), async (content, command) => {
        const path = join(dir, `hostile-${++runs}.ndjson`);
        await writeFile(path, content);
        const out: string[] = [];
        const err: string[] = [];
        const written = command[0] === "export" ? ["--out", `${path}.out`] : [];
        const code = await runCli(["node", "grantledger", ...command, "--from", path, ...written], { out: (line) => out.push(line), err: (line) => err.push(line) });
        expect([EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_EMPTY]).toContain(code);
        for (const line of [...err, ...out]) {
          expect(line).not.toContain("unexpected failure");
          expect(line).not.toMatch(/^\s+at /);
          expect(line).not.toContain("\n");
        }
        const errors = err.filter((line) => line.startsWith("error: "));
        if (code === EXIT_FAILED && command[0] !== "verify") expect(errors).toHaveLength(1);
        for (const line of errors) expect(line).toContain(path);
        await rm(path);
        await rm(`${path}.out`, { force: true });
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
