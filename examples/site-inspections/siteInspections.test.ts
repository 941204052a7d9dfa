import { expect, it } from "vitest";
import { siteInspections } from "./siteInspections.js";

it("runs the site-inspections example as written", async () => {
  expect(await siteInspections()).toEqual([
    "recorded: InspectionRecorded at inspection-insp-1@0",
    "retried inspect-1: alreadyHandled=true",
    "refused: GrantNotAwarded",
    "inspections of ebygg: 1, deviations open: 0",
    "awarded, not inspected: none",
    "verified: 8 events in 4 streams",
  ]);
});
