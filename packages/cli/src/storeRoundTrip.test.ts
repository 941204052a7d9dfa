import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEvents, buildAuditStore, historyText } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";

/*
 * The history goes into an embedded PostgreSQL (PGlite) in a folder, as an operator would keep
 * it, and back out. The steps share one store, so they run in order, once, in `beforeAll`; a
 * refused import into a second folder runs beside them.
 */
let fixture: CliFixture;
const steps = new Map<string, CliRun>();
const step = (name: string): CliRun => steps.get(name) ?? { code: -1, stdout: "", stderr: `step ${name} did not run` };

beforeAll(async () => {
  fixture = await createCliFixture("store");
  const store = `pglite:${join(fixture.dir, "ledger")}`;
  // The first event by the director is the commitment in the round stream, just before the award.
  const forged = fixture.text.replace('"actor":"direktør@difi"', '"actor":"someone-else@difi"');
  await writeFile(join(fixture.dir, "forged.ndjson"), forged);
  // The same story recorded by other commands: valid, but not the history the store holds.
  await writeFile(join(fixture.dir, "other.ndjson"), historyText(await allEvents(await buildAuditStore("other-"))));
  const refused = runGrantledger(["import", join(fixture.dir, "forged.ndjson"), "--to", `pglite:${join(fixture.dir, "refused")}`]);
  const chain: [string, string[]][] = [
    ["import", ["import", fixture.file, "--to", store]],
    ["export", ["export", "--store", store, "--out", join(fixture.dir, "first.ndjson")]],
    ["reimport", ["import", join(fixture.dir, "first.ndjson"), "--to", store]],
    ["conflict", ["import", join(fixture.dir, "other.ndjson"), "--to", store]],
    ["reexport", ["export", "--store", store, "--out", join(fixture.dir, "second.ndjson")]],
    ["seal", ["seal", "--store", store, "--actor", "revisor@riksrevisjonen"]],
  ];
  for (const [name, args] of chain) steps.set(name, await runGrantledger(args));
  const root = /^root ([0-9a-f]{64})$/m.exec(step("seal").stdout)?.[1];
  const position = /^position (\d+)$/m.exec(step("seal").stdout)?.[1];
  steps.set("verifyKept", await runGrantledger(["verify", "--expect-root", `${root}@${position}`], { GRANTLEDGER_STORE: store }));
  steps.set("refused", await refused);
}, 120_000);

afterAll(() => fixture.remove());

describe("grantledger import, export and seal on a pglite:DIR store", () => {
  it("imports a verified history", () => {
    expect(step("import")).toEqual({
      code: 0,
      stdout: `imported 16 events in 5 streams into ${`pglite:${join(fixture.dir, "ledger")}`} (verified first: hash chain, 1 seal, business rules)\n`,
      stderr: "",
    });
  });

  it("exports it again byte for byte, recorded times included, though it came from a memory store", async () => {
    expect(step("export")).toMatchObject({ code: 0, stdout: "" });
    const first = await readFile(join(fixture.dir, "first.ndjson"), "utf8");
    expect(first).toBe(fixture.text);
  });

  it("adds nothing when the export is imported again, and exports byte for byte the same", async () => {
    expect(step("reimport")).toEqual({ code: 0, stdout: expect.stringMatching(/^nothing to import: all 16 events of .*first\.ndjson are already in pglite:/), stderr: "" });
    expect(step("reexport")).toMatchObject({ code: 0, stdout: "" });
    const [first, second] = await Promise.all(["first.ndjson", "second.ndjson"].map((name) => readFile(join(fixture.dir, name), "utf8")));
    expect(second).toBe(first);
  });

  it("refuses a different history where the store already holds one, and writes nothing", () => {
    const { code, stdout, stderr } = step("conflict");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(/^error: refused to import .*other\.ndjson into pglite:.*, nothing written: .*other\.ndjson:\d+: round-krise-2009-1@2 in pglite:.* is event [0-9a-f-]{36} \(hash [0-9a-f]{12}…\), in the file event [0-9a-f-]{36} \(hash [0-9a-f]{12}…\)\n$/);
    // That nothing was written shows in the export after it (the test above): byte for byte the one before.
  });

  it("seals the store and prints the root and the position it covers", () => {
    // The fixture's own seal is event 15; this one covers it too: 16 events, up to position 15.
    expect(step("seal")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^root [0-9a-f]{64}\nposition 15\ntree size 16\nseal seal@1, version 2, unsigned\n$/) });
    expect(step("seal").stderr).toMatch(/^read 1 event since the previous seal\nkeep the root outside the store; check it later with: grantledger verify --expect-root [0-9a-f]{64}@15\n$/);
  });

  it("verifies the store (GRANTLEDGER_STORE): the imported seal, the new one and the kept root", () => {
    expect(step("verifyKept")).toMatchObject({ code: 0, stderr: "" });
    expect(step("verifyKept").stdout).toContain("intact: 17 events in 5 streams, 2 seals and 1 kept root verified (up to position 16)");
  });

  it("refuses a history that does not verify and writes nothing", () => {
    const { code, stdout, stderr } = step("refused");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(/^error: refused to import .*forged\.ndjson, nothing written: history broken: content-hash at round-krise-2009-1@1 \(position 7\): .*forged\.ndjson:8\]\n$/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(join(fixture.dir, "refused"))).toBe(false);
  });
});
