import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const here = (name: string): string => new URL(name, import.meta.url).pathname;

// The README shows forgetting a person; this keeps it the very test CI runs.
it("README's example of forgetting is examples/personal-data/forgetting.test.ts, as written", () => {
  const readme = readFileSync(here("../../README.md"), "utf8");
  const start = readme.indexOf("<!-- examples/personal-data/forgetting.test.ts -->");
  const open = readme.indexOf("```ts\n", start) + "```ts\n".length;
  expect(start).toBeGreaterThan(-1);
  expect(readme.slice(open, readme.indexOf("```", open))).toBe(readFileSync(here("forgetting.test.ts"), "utf8"));
});
