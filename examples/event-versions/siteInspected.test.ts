import * as E from "fp-ts/lib/Either.js";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { currentVersion, upcastStoredEvent, type RecordedEvent } from "@grantledger/core";
import { versioning } from "./siteInspected.js";

const here = (name: string): string => new URL(name, import.meta.url).pathname;

it("packages/core/README.md shows this example as written", () => {
  const readme = readFileSync(here("../../packages/core/README.md"), "utf8");
  const start = readme.indexOf("## Adding a version of an event");
  const open = readme.indexOf("```ts\n", start) + "```ts\n".length;
  const shown = readme.slice(open, readme.indexOf("```", open));
  expect(readFileSync(here("siteInspected.ts"), "utf8")).toBe(shown);
});

it("reads a version-1 SiteInspected as version 2, and keeps the built-in versions", () => {
  if (E.isLeft(versioning)) throw new Error(versioning.left.reason);
  expect(currentVersion(versioning.right, "SiteInspected")).toBe(2);
  expect(currentVersion(versioning.right, "GrantDisbursed")).toBe(2);
  const stored = { type: "SiteInspected", data: { grantId: "ebygg", inspectedOn: "2010-05-01" }, metadata: { schemaVersion: 1 } } as Pick<RecordedEvent, "type" | "data" | "metadata">;
  expect(upcastStoredEvent(stored, versioning.right)).toEqual(E.right({ type: "SiteInspected", data: { grantId: "ebygg", inspectedOn: "2010-05-01", findings: [] }, upcastFrom: 1 }));
  expect(upcastStoredEvent({ ...stored, metadata: { schemaVersion: 3 } }, versioning.right)).toMatchObject(E.left({ path: "metadata.schemaVersion", schemaVersion: 3 }));
});
