import { expect, it } from "vitest";
import { blockAfter, readBeside } from "../readmeBlock.testkit.js";

// The core README shows the traced engine; this keeps it the very file CI runs.
it("the core README's OpenTelemetry example is examples/telemetry/tracedEngine.test.ts, as written", () => {
  const readme = readBeside(import.meta.url, "../../packages/core/README.md");
  expect(blockAfter(readme, "examples/telemetry/tracedEngine.test.ts")).toBe(readBeside(import.meta.url, "tracedEngine.test.ts"));
});
