import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyText } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { REPO_ROOT, runGrantledger } from "./testkit/runCliProcess.testkit.js";

let fixture: CliFixture;
let big: string;

beforeAll(async () => {
  fixture = await createCliFixture("quiet");
  await writeFile(join(fixture.dir, "empty.ndjson"), "");
  // Far more output than a pipe holds (64 KiB), so that writing goes on after the reader left:
  // the fixture's events again and again, each copy in streams of its own, positions in order.
  big = join(fixture.dir, "big.ndjson");
  const copies = Array.from({ length: 100 }, (_, copy) =>
    fixture.events.map((event, i) => ({ ...event, streamName: `${event.streamName}-${copy}`, position: BigInt(copy * fixture.events.length + i) })),
  );
  await writeFile(big, historyText(copies.flat()));
});

afterAll(() => fixture.remove());

/** Runs the command and closes its stdout after the first chunk, as `| head -1` does. */
const runIntoClosedPipe = (args: readonly string[]): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@grantledger/source", "packages/cli/src/main.ts", ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.once("data", () => child.stdout.destroy());
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });

describe("the command ends quietly", () => {
  it("when the reader of its output goes away (| head -1): status 0, nothing on stderr", async () => {
    for (const args of [["export", "--from", big]]) {
      const { code, stderr } = await runIntoClosedPipe(args);
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: "" });
    }
  });

  it("says an empty history is empty, with status 3, not intact; and import refuses it", async () => {
    const file = join(fixture.dir, "empty.ndjson");
    const [verified, imported] = await Promise.all([
      runGrantledger(["verify", "--from", file]),
      runGrantledger(["import", file, "--to", `pglite:${join(fixture.dir, "empty-store")}`]),
    ]);
    expect(verified).toEqual({ code: 3, stdout: `history empty: ${file} holds no events, so nothing was verified\n`, stderr: "" });
    expect(imported).toEqual({ code: 1, stdout: "", stderr: `error: refused to import ${file}: it holds no events\n` });
  });
});
