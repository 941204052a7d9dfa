import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecordedEvent, type DecodedEvent, type RecordedEvent } from "@grantledger/core";
import { application, award, event, grantEvent, participant } from "../testkit/fixtures.testkit.js";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { readEverything } from "../testkit/storeCopy.testkit.js";
import type { Projection } from "../projection.js";
import { grantRegister, listGrants, type GrantRegisterState } from "./grantRegister.js";
import { grantsInScope, type GrantScope } from "./grantScope.js";
import { municipalityTotals } from "./municipalityTotals.js";
import { listPayees } from "./payees.js";

const fold = (events: readonly DecodedEvent[]): GrantRegisterState => events.reduce(grantRegister.apply, grantRegister.initialState);
const bergen = [participant.municipality("1201", "Bergen", 10_000)];
const kartverket = { orgNo: "971040238", name: "Statens kartverk", kind: "state-agency" };

describe("listPayees", () => {
  const history = [
    event("GrantApplied", { ...application("g1", bergen, 900_000), appliedAt: "2009-03-01T08:00:00Z" }),
    event("GrantApplied", { ...application("g2", bergen, 400_000), appliedAt: "2009-03-02T08:00:00Z", applicant: { orgNo: "964338531", name: "Bergen kommune, byrådsavdelingen", kind: "municipality" } }),
    event("GrantApplied", { ...application("g3", bergen, 300_000), applicant: kartverket }),
    event("GrantApplied", { ...application("g4", bergen, 200_000), appliedAt: "2009-03-01T09:00:00Z" }),
    event("GrantApplied", { ...application("g5", bergen, 100_000), appliedAt: "2009-03-01T09:30:00Z" }),
    event("GrantAwarded", award("g1", 750_000)),
    grantEvent("GrantDisbursed", "g1", { amount: 500_000, paymentRef: "p-1", disbursedAt: "2010-01-01T10:00:00Z", valueDate: "2010-01-01" }),
    grantEvent("RepaymentClaimed", "g1", { claimId: "k-1", amount: 200_000, reason: "Not spent", claimedAt: "2011-01-01T10:00:00Z" }),
    grantEvent("RepaymentReceived", "g1", { claimId: "k-1", amount: 50_000, receivedAt: "2011-02-01T10:00:00Z" }),
    grantEvent("GrantRejected", "g2", { reason: "Outside the scheme", rejectedAt: "2009-09-05T10:00:00Z" }),
    grantEvent("ApplicationWithdrawn", "g4", { reason: "Merged with g1", withdrawnAt: "2009-04-01T10:00:00Z" }),
    event("GrantAwarded", award("g3", 300_000)),
  ];

  it("sums each responsible recipient's grants whole, counting each grant once by its status", () => {
    expect(listPayees(fold(history))).toEqual([
      {
        orgNo: "964338531",
        // The latest application (by application time, g2) spells the name.
        name: "Bergen kommune, byrådsavdelingen",
        kind: "municipality",
        grants: 4,
        awardedGrants: 1,
        rejectedGrants: 1,
        pendingGrants: 1,
        withdrawnGrants: 1,
        requested: 1_600_000,
        awarded: 750_000,
        disbursed: 500_000,
        repaid: 50_000,
        paidNet: 450_000,
        openClaims: 150_000,
      },
      {
        orgNo: "971040238",
        name: "Statens kartverk",
        kind: "state-agency",
        grants: 1,
        awardedGrants: 1,
        rejectedGrants: 0,
        pendingGrants: 0,
        withdrawnGrants: 0,
        requested: 300_000,
        awarded: 300_000,
        disbursed: 0,
        repaid: 0,
        paidNet: 0,
        openClaims: 0,
      },
    ]);
  });

  it("sums only the grants the filter keeps, and leaves out a payee with none", () => {
    const rows = listPayees(fold(history), (row) => row.grantId === "g1" || row.grantId === "g5");
    expect(rows.map(({ orgNo, name, grants, requested, awarded }) => ({ orgNo, name, grants, requested, awarded }))).toEqual([
      { orgNo: "964338531", name: "Bergen kommune", grants: 2, requested: 1_000_000, awarded: 750_000 },
    ]);
    expect(listPayees(fold(history), () => false)).toEqual([]);
    expect(listPayees(grantRegister.initialState)).toEqual([]);
  });
});

const foldAll = <S>(projection: Projection<S>, recorded: readonly RecordedEvent[]): S => {
  const events: DecodedEvent[] = [];
  for (const recordedEvent of recorded) {
    if (!projection.handles.some((type) => type === recordedEvent.type)) continue;
    const decoded = decodeRecordedEvent(recordedEvent);
    if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
    events.push(decoded.right);
  }
  return events.reduce(projection.apply, projection.initialState);
};

// The participants each grant was applied with, straight from its GrantApplied event.
const participantsOf = (recorded: readonly RecordedEvent[]): Map<string, { roundId: string; places: string[] }> => {
  const grants = new Map<string, { roundId: string; places: string[] }>();
  for (const { type, data } of recorded) {
    if (type !== "GrantApplied") continue;
    const { grantId, roundId, participants } = data as { grantId: string; roundId: string; participants: { kind: string; municipalityNo?: string; countyNo?: string }[] };
    grants.set(grantId, { roundId, places: participants.flatMap((p) => (p.municipalityNo !== undefined ? [p.municipalityNo.slice(0, 2)] : p.countyNo !== undefined ? [p.countyNo] : [])) });
  }
  return grants;
};

describe("listPayees and grantsInScope, over random histories", () => {
  it("sum the grant register's rows exactly, in every scope: round, scheme, county, and together", async () => {
    const schemeOf: Record<string, string> = { r2009: "krise-2009", "r2009-2": "krise-2009", r2018: "medfinansiering" };
    const scopes: GrantScope[] = [
      {},
      { roundId: "r2009" },
      { roundId: "r2018" },
      { roundId: "r2009-2" },
      { roundId: "no-such-round" },
      { schemeId: "krise-2009" },
      { schemeId: "medfinansiering" },
      { countyNo: "12" },
      { countyNo: "03" },
      { countyNo: "19" },
      { countyNo: "46" },
      { schemeId: "krise-2009", countyNo: "12" },
      { roundId: "r2018", countyNo: "03" },
    ];
    await fc.assert(
      fc.asyncProperty(historyArbitrary(6), async (steps) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const recorded = await readEverything(world.store);
        const register = foldAll(grantRegister, recorded);
        const totals = foldAll(municipalityTotals, recorded);
        const applied = participantsOf(recorded);
        for (const scope of scopes) {
          const label = JSON.stringify(scope);
          const inScope = grantsInScope(totals, scope);
          const expected = listGrants(register).filter((row) => {
            const grant = applied.get(row.grantId);
            if (grant === undefined) return false;
            return (
              (scope.roundId === undefined || grant.roundId === scope.roundId) &&
              (scope.schemeId === undefined || schemeOf[grant.roundId] === scope.schemeId) &&
              (scope.countyNo === undefined || grant.places.includes(scope.countyNo))
            );
          });
          expect(listGrants(register).filter((row) => inScope(row.grantId)), label).toEqual(expected);
          const payees = listPayees(register, (row) => inScope(row.grantId));
          expect(new Set(payees.map((payee) => payee.orgNo)), label).toEqual(new Set(expected.map((row) => row.applicant.orgNo)));
          for (const payee of payees) {
            const own = expected.filter((row) => row.applicant.orgNo === payee.orgNo);
            const sum = (pick: (row: (typeof own)[number]) => number) => own.reduce((total, row) => total + pick(row), 0);
            expect(payee, label).toMatchObject({
              grants: own.length,
              requested: sum((row) => row.requested),
              awarded: sum((row) => row.awarded),
              disbursed: sum((row) => row.disbursed),
              repaid: sum((row) => row.repaid),
              paidNet: sum((row) => row.paidNet),
              openClaims: sum((row) => row.openClaims),
            });
            expect(payee.awardedGrants + payee.rejectedGrants + payee.pendingGrants + payee.withdrawnGrants, label).toBe(payee.grants);
            expect(payee.awardedGrants, label).toBe(own.filter((row) => row.status === "awarded" || row.status === "closed").length);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
