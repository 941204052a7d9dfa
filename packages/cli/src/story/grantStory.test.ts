import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { historyCommand } from "../commands/historyCommand.js";
import { allEvents, historyText } from "../testkit/auditHistory.testkit.js";

const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

const kr = (n: number): number => n * 100;

// The whole life of grants after their decisions, written through the ledger into a history file.
const writeLifeHistory = async (file: string): Promise<void> => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2011, 1, 1) + tick++ * 60_000) });
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  let step = 0;
  const by = () => ({ commandId: `c-${step++}`, actor: "saksbehandler@difi" });
  await must(
    ledger.openRound(
      {
        roundId: "krise-2009-1",
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: kr(20_000_000),
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by(),
    ),
  );
  for (const grantId of ["a", "b", "c", "d"]) {
    await must(
      ledger.applyForGrant(
        {
          grantId,
          roundId: "krise-2009-1",
          applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
          participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10_000 }],
          project: { title: `Prosjekt ${grantId}` },
          totalCost: kr(500_000),
          requested: kr(100_000),
          appliedAt: "2009-04-01T10:00:00+02:00",
        },
        by(),
      ),
    );
  }
  const evaluate = (grantId: string, at: string) => ledger.evaluateApplication({ grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: at }, by());
  const plan = (first: number, second: number) => [{ due: "2009-07-01", amount: kr(first) }, { due: "2010-07-01", amount: kr(second) }];
  const pay = (amount: number, paymentRef: string, disbursedAt: string, valueDate?: string) =>
    ledger.disburseGrant({ grantId: "a", amount: kr(amount), paymentRef, disbursedAt, ...(valueDate === undefined ? {} : { valueDate }) }, by());

  await must(ledger.declareConflictOfInterest({ grantId: "a", evaluator: "Kari Nordmann", reason: "Søster i prosjektet", declaredAt: "2009-04-20T10:00:00+02:00" }, by()));
  await must(evaluate("a", "2009-05-01T10:00:00+02:00"));
  await must(ledger.awardGrant({ grantId: "a", amount: kr(50_000), disbursementPlan: plan(25_000, 25_000), conditions: ["Sluttrapport"], awardedAt: "2009-06-15T12:00:00+02:00" }, by()));
  await must(ledger.acceptConditions({ grantId: "a", acceptedBy: "Rådmannen i Bergen", acceptedAt: "2009-06-20T10:00:00+02:00" }, by()));
  await must(pay(25_000, "P-1", "2009-07-02T09:00:00+02:00"));
  await must(ledger.amendAward({ grantId: "a", amount: kr(60_000), disbursementPlan: plan(25_000, 35_000), reason: "Flere kommuner med", amendedAt: "2009-08-01T10:00:00+02:00" }, by()));
  await must(pay(20_000, "P-2", "2009-09-01T09:00:00+02:00"));
  await must(ledger.reverseDisbursement({ grantId: "a", paymentRef: "P-2", amount: kr(20_000), reason: "Feil mottaker", reversedAt: "2009-09-05T09:00:00+02:00" }, by()));
  await must(pay(20_000, "P-2", "2009-09-06T09:00:00+02:00", "2009-09-08"));
  await must(ledger.claimRepayment({ grantId: "a", claimId: "K-1", amount: kr(5_000), reason: "Vilkår ikke fulgt", claimedAt: "2010-01-10T10:00:00+01:00" }, by()));
  await must(ledger.recordRepayment({ grantId: "a", claimId: "K-1", amount: kr(2_000), receivedAt: "2010-02-01T10:00:00+01:00" }, by()));
  await must(ledger.amendAward({ grantId: "a", amount: kr(55_000), disbursementPlan: plan(25_000, 30_000), reason: "Lavere kostnader", amendedAt: "2010-03-01T10:00:00+01:00" }, by()));
  await must(ledger.closeGrant({ grantId: "a", finalReport: { summary: "Levert som planlagt" }, closedAt: "2010-12-31T12:00:00+01:00" }, by()));
  await must(ledger.recordRepayment({ grantId: "a", claimId: "K-1", amount: kr(3_000), receivedAt: "2011-01-15T10:00:00+01:00" }, by()));

  await must(ledger.rejectApplication({ grantId: "b", reason: "Svak plan", rejectedAt: "2009-06-15T12:00:00+02:00" }, by()));
  await must(ledger.appealDecision({ grantId: "b", grounds: "Planen ble oversett", appealedAt: "2009-06-25T10:00:00+02:00" }, by()));
  await must(ledger.upholdAppeal({ grantId: "b", reason: "Planen var god", decidedAt: "2009-07-05T10:00:00+02:00" }, by()));
  await must(evaluate("b", "2009-07-06T10:00:00+02:00"));
  await must(ledger.awardGrant({ grantId: "b", amount: kr(30_000), disbursementPlan: plan(15_000, 15_000), conditions: [], awardedAt: "2009-07-10T12:00:00+02:00" }, by()));
  await must(ledger.renounceAward({ grantId: "b", reason: "Mangler egenfinansiering", renouncedAt: "2009-08-01T10:00:00+02:00" }, by()));

  await must(ledger.dismissApplication({ grantId: "c", reason: "Ufullstendig søknad", dismissedAt: "2009-05-02T10:00:00+02:00" }, by()));
  await must(ledger.appealDecision({ grantId: "c", grounds: "Vedlegget ble sendt", appealedAt: "2009-05-10T10:00:00+02:00" }, by()));
  await must(ledger.dismissAppeal({ grantId: "c", reason: "Vedlegget kom aldri", decidedAt: "2009-05-20T10:00:00+02:00" }, by()));
  await must(ledger.withdrawApplication({ grantId: "d", reason: "Prosjektet utsatt", withdrawnAt: "2009-05-03T10:00:00+02:00" }, by()));

  await writeFile(file, historyText(await allEvents(store)));
};

let dir: string;
let file: string;

const history = async (grantId: string): Promise<string[]> => {
  const lines: string[] = [];
  await historyCommand(grantId, { from: file }, { out: (line) => lines.push(line), err: () => undefined });
  return lines;
};
const storyOf = (lines: readonly string[]) => lines.filter((line) => /^\d{4}-\d\d-\d\d {2}/.test(line)).map((line) => line.slice(12));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grantledger-story-"));
  file = join(dir, "history.ndjson");
  await writeLifeHistory(file);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("grantledger history, over the whole life of a grant", () => {
  it("tells every commitment and release for the grant, partial ones included, with what the round holds after each", async () => {
    const lines = await history("a");
    const story = storyOf(lines);
    expect(story.map((line) => line.split(" ")[0])).toEqual([
      "Applied",
      "Conflict",
      "Evaluated",
      "Committed",
      "Awarded",
      "Conditions",
      "Disbursed",
      "Committed",
      "Award",
      "Disbursed",
      "Payment",
      "Disbursed",
      "Repayment",
      "Repayment",
      "Award",
      "Released",
      "Closed",
      "Released",
      "Repayment",
      "Released",
    ]);
    expect(story).toContain("Conflict of interest declared (inhabilitet) by Kari Nordmann, who may not evaluate it: Søster i prosjektet");
    expect(story).toContain("Conditions accepted (vilkår akseptert) by Rådmannen i Bergen");
    expect(story).toContain("Committed (bundet) 10 000,00 kr of round krise-2009-1's budget: the round holds 60 000,00 kr for the grant");
    expect(story).toContain("Award amended (endret tildeling) from 50 000,00 kr to 60 000,00 kr: Flere kommuner med");
    expect(story).toContain("Payment P-2 of 20 000,00 kr reversed (tilbakeført): Feil mottaker; 25 000,00 kr of 60 000,00 kr paid net so far");
    expect(story).toContain("Disbursed (utbetalt) 20 000,00 kr, payment P-2: 45 000,00 kr of 60 000,00 kr paid so far");
    // A value date other than the booking day is told; the booking day's is not.
    expect(story).toContain("Disbursed (utbetalt) 20 000,00 kr, payment P-2, value date 2009-09-08: 45 000,00 kr of 60 000,00 kr paid so far");
    expect(story).toContain("Disbursed (utbetalt) 25 000,00 kr, payment P-1: 25 000,00 kr of 50 000,00 kr paid so far");
    expect(story).toContain("Repayment claimed (krav om tilbakebetaling) 5 000,00 kr, claim K-1: Vilkår ikke fulgt");
    expect(story).toContain("Repayment received (tilbakebetalt) 2 000,00 kr on claim K-1: 2 000,00 kr repaid so far");
    expect(story.filter((line) => line.startsWith("Released")).map((line) => line.replace(/^Released \(frigitt\) ([\d ,]+ kr) .*; the round holds ([\d ,]+ kr) for the grant$/, "$1 -> $2"))).toEqual([
      "5 000,00 kr -> 55 000,00 kr",
      "12 000,00 kr -> 43 000,00 kr",
      "3 000,00 kr -> 40 000,00 kr",
    ]);
    expect(story).toContain("Closed (avsluttet) with its final report: 12 000,00 kr of the award unpaid, given back to round krise-2009-1");
    expect(lines).toContain("            Final report (sluttrapport): Levert som planlagt");
    expect(lines.filter((line) => line !== "").pop()).toBe(
      "Status: closed (avsluttet); 40 000,00 kr of 55 000,00 kr paid net (5 000,00 kr repaid, tilbakebetalt), 12 000,00 kr given back to the round",
    );
  });

  it("tells a rejection appealed and upheld, decided anew and renounced", async () => {
    const lines = await history("b");
    expect(storyOf(lines).map((line) => line.split(" (")[0])).toEqual([
      "Applied",
      "Rejected",
      "Appealed",
      "Appeal upheld",
      "Evaluated",
      "Committed",
      "Awarded",
      "Award renounced",
      "Released",
    ]);
    expect(storyOf(lines)).toContain("Appeal upheld (klagen tatt til følge): Planen var god; the application is to be decided anew");
    expect(lines.filter((line) => line !== "").pop()).toBe("Status: renounced (avkall)");
  });

  it("tells a dismissal whose appeal was dismissed, and a withdrawal", async () => {
    const dismissed = await history("c");
    expect(storyOf(dismissed)).toEqual([
      expect.stringMatching(/^Applied/),
      "Dismissed without consideration (avvist): Ufullstendig søknad",
      "Appealed (klage): Vedlegget ble sendt",
      "Appeal dismissed (klagen ikke tatt til følge): Vedlegget kom aldri; the decision stands",
    ]);
    expect(dismissed.filter((line) => line !== "").pop()).toBe("Status: dismissed (avvist)");
    const withdrawn = await history("d");
    expect(storyOf(withdrawn)).toContain("Withdrawn (trukket) by the applicant: Prosjektet utsatt");
    expect(withdrawn.filter((line) => line !== "").pop()).toBe("Status: withdrawn (trukket)");
  });
});
