import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const here = (name: string): string => new URL(name, import.meta.url).pathname;

/** The fenced block that follows `<!-- marker -->` in the README. */
const blockAfter = (readme: string, marker: string): string | undefined => {
  const start = readme.indexOf(`<!-- ${marker} -->`);
  if (start < 0) return undefined;
  const open = readme.indexOf("```ts\n", start) + "```ts\n".length;
  return readme.slice(open, readme.indexOf("```", open));
};

// The core README shows the traced engine; this keeps it the very file CI runs.
it("the core README's OpenTelemetry example is examples/telemetry/tracedEngine.test.ts, as written", () => {
  const readme = readFileSync(here("../../packages/core/README.md"), "utf8");
  expect(blockAfter(readme, "examples/telemetry/tracedEngine.test.ts")).toBe(readFileSync(here("tracedEngine.test.ts"), "utf8"));
});
