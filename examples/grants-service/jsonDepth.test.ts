import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./jsonDepth.js";

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, the body itself as depth 1", () => {
    expect(nestsDeeperThan("{}", 1)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(nestsDeeperThan('[1,[2],{"c":[3]}]', 3)).toBe(false);
    expect(nestsDeeperThan("1", 0)).toBe(false);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan(JSON.stringify({ a: "[[[[{{{{", b: 'say \\"[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: '"' }) + "[[", 1)).toBe(true);
  });

  it("scans a text nested a million deep without a stack", () => {
    expect(nestsDeeperThan("[".repeat(1_000_000) + "]".repeat(1_000_000), 32)).toBe(true);
  });
});
