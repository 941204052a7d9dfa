import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { DEFAULT_PROBLEM_TYPE_BASE, problemTypeOf } from "./problem.js";
import { LEDGER_PROBLEMS } from "./ledgerProblems.js";

// The README's table of tags is what a user reads; this keeps it the mapping itself.
it("the README's table lists every tag of LEDGER_PROBLEMS once, with its status and type", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const rows = [...readme.matchAll(/^\| `(\w+)` \| ([^|]+) \| `([a-z0-9-]+)` \|/gm)].map(([, tag, status, type]) => ({ tag: tag!, status: status!.trim(), type: type! }));
  expect(rows.map((row) => row.tag).sort()).toEqual(Object.keys(LEDGER_PROBLEMS).sort());
  for (const { tag, status, type } of rows) {
    const rule = LEDGER_PROBLEMS[tag as keyof typeof LEDGER_PROBLEMS];
    // A status the error's figures choose is written out in words; it still begins with a status.
    if (typeof rule.status === "number") expect(status, tag).toBe(String(rule.status));
    else expect(status, tag).toMatch(/^\d{3}\b/);
    expect(DEFAULT_PROBLEM_TYPE_BASE + type, tag).toBe(problemTypeOf(tag));
  }
});
