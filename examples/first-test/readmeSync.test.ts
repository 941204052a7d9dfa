import { expect, it } from "vitest";
import { blockAfter, readBeside } from "../readmeBlock.testkit.js";

// The README shows a user's first test; this keeps it the very file CI runs.
it("README's first test is examples/first-test/firstTest.test.ts, as written", () => {
  const readme = readBeside(import.meta.url, "../../README.md");
  expect(blockAfter(readme, "examples/first-test/firstTest.test.ts")).toBe(readBeside(import.meta.url, "firstTest.test.ts"));
});
