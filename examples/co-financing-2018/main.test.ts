import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { reportJson } from "./reportJson.js";
import { BUDGET, MNOK } from "./coFinancing.testkit.js";

describe("main.ts", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(tsx, ["--conditions=@grantledger/source", "examples/co-financing-2018/main.ts", ...args], { cwd: root });

  it("exits 0 and prints the budget, the applications, the refusals and both benefits tables", async () => {
    const { stdout } = await run();
    for (const heading of [
      "Round budget",
      "Applications (grant register; money in NOK):",
      "Refused by the ledger (typed errors; nothing was recorded):",
      "Benefits per project: planned in the benefits plan against reported for 2018-2020:",
      "Benefits per category, all projects:",
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain("Remaining                              10 500 000,00 kr");
    expect(stdout).toContain("ProjectCostAboveMaximum");
  });

  it("prints pure JSON with --json, money in integer øre", async () => {
    const { stdout } = await run("--json");
    const json = JSON.parse(stdout) as ReturnType<typeof reportJson>;
    expect(Object.keys(json)).toEqual(["round", "grants", "refusals", "benefitsByProject", "benefitsByCategory"]);
    expect(json.round).toMatchObject({ budget: BUDGET, committed: 109.5 * MNOK, remaining: 10.5 * MNOK, awarded: 10, rejected: 3 });
    expect(json.refusals).toHaveLength(5);
  });

  it("exits 2 with a usage line on an unknown option or a stray argument", async () => {
    for (const args of [["--bogus"], ["extra"]]) {
      const failure = await run(...args).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain("usage: pnpm example:co-financing");
    }
  });
});
