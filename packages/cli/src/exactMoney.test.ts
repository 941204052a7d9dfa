import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, formatMoney, type Money } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEvents, historyText, must } from "./testkit/auditHistory.testkit.js";
import { runGrantledger } from "./testkit/runCliProcess.testkit.js";

/*
 * Two rounds, each awarding one grant just above 2^52 øre: every figure is a safe integer, but
 * their total (2^53 + 3 øre) is not, and a float sum would print it one øre off.
 */
const AMOUNTS = [2 ** 52 + 1, 2 ** 52 + 2] as const;
const EXACT_TOTAL = "90 071 992 547 409,95 kr"; // 2^53 + 3 øre

let dir: string;
let file: string;

beforeAll(async () => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000) });
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  for (const [index, amount] of AMOUNTS.entries()) {
    const roundId = `stor-${index}`;
    const grantId = `g${index}`;
    const by = (what: string) => ({ commandId: `${what}-${index}`, actor: "saksbehandler@difi" });
    await must(
      ledger.openRound(
        {
          roundId,
          name: `Stor runde ${index}`,
          funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
          budget: amount,
          policy: { maxShareBps: 10_000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
          applicationDeadline: "2009-04-15T23:59:59+02:00",
          disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
        },
        by("open"),
      ),
    );
    await must(
      ledger.applyForGrant(
        {
          grantId,
          roundId,
          applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
          participants: [{ kind: "municipality", municipalityNo: index === 0 ? "1201" : "0301", name: index === 0 ? "Bergen" : "Oslo", shareBps: 10_000 }],
          project: { title: "Stort prosjekt", summary: "Et prosjekt på grensen av det et tall rommer" },
          totalCost: amount,
          requested: amount,
          appliedAt: "2009-04-01T10:00:00+02:00",
        },
        by("apply"),
      ),
    );
    await must(ledger.evaluateApplication({ grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by("evaluate")));
    await must(
      ledger.awardGrant(
        { grantId, amount, disbursementPlan: [{ due: "2009-07-01", amount }], conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" },
        { commandId: `award-${index}`, actor: "direktør@difi" },
      ),
    );
  }
  dir = await mkdtemp(join(tmpdir(), "grantledger-exact-"));
  file = join(dir, "history.ndjson");
  await writeFile(file, historyText(await allEvents(store)));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("money beyond 2^53 øre", () => {
  it("is formatted exactly from a bigint, negatives included", () => {
    expect(formatMoney(9_007_199_254_740_995n)).toBe(EXACT_TOTAL);
    expect(formatMoney(-12_345n)).toBe("-123,45 kr");
    expect(formatMoney(330_000_050 as Money)).toBe("3 300 000,50 kr");
  });

  it("totals exactly in the total line of `totals`, where a float sum is one øre off", async () => {
    expect(String(AMOUNTS[0] + AMOUNTS[1])).not.toBe(String(2n ** 53n + 3n)); // the float sum this guards against
    const { code, stdout, stderr } = await runGrantledger(["totals", "--by", "grant", "--from", file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const total = stdout.split("\n").find((line) => line.startsWith("Total "));
    expect(total).toContain(EXACT_TOTAL);
  });
});
