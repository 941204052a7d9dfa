import { expect, it } from "vitest";
import { blockAfter, readBeside } from "../readmeBlock.testkit.js";

// The README shows forgetting a person; this keeps it the very test CI runs.
it("README's example of forgetting is examples/personal-data/forgetting.test.ts, as written", () => {
  const readme = readBeside(import.meta.url, "../../README.md");
  expect(blockAfter(readme, "examples/personal-data/forgetting.test.ts")).toBe(readBeside(import.meta.url, "forgetting.test.ts"));
});
