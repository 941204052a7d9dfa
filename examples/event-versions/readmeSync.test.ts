import { expect, it } from "vitest";
import { blockAfter, readBeside } from "../readmeBlock.testkit.js";

// The README shows an event's second version; this keeps it the very file CI runs.
it("README's example of an event version is examples/event-versions/siteInspected.ts, as written", () => {
  const readme = readBeside(import.meta.url, "../../README.md");
  expect(blockAfter(readme, "examples/event-versions/siteInspected.ts")).toBe(readBeside(import.meta.url, "siteInspected.ts"));
});
