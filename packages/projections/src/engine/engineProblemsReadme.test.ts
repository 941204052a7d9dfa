import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { DEFAULT_PROBLEM_TYPE_BASE, problemTypeOf } from "@grantledger/core";
import { ENGINE_PROBLEMS } from "./engineProblems.js";

// The README's table of the engine's tags is what a user reads; this keeps it the mapping itself.
it("the README's table lists every tag of ENGINE_PROBLEMS once, with its status and type", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const rows = [...readme.matchAll(/^ *\| `(\w+)` \| ([^|]+) \| `([a-z0-9-]+)` \|/gm)].map(([, tag, status, type]) => ({ tag: tag!, status: status!.trim(), type: type! }));
  expect(rows.map((row) => row.tag).sort()).toEqual(Object.keys(ENGINE_PROBLEMS).sort());
  for (const { tag, status, type } of rows) {
    const rule = ENGINE_PROBLEMS[tag as keyof typeof ENGINE_PROBLEMS];
    if (typeof rule.status === "number") expect(status, tag).toBe(String(rule.status));
    else expect(status, tag).toMatch(/^\d{3}\b/);
    expect(DEFAULT_PROBLEM_TYPE_BASE + type, tag).toBe(problemTypeOf(tag));
  }
});
