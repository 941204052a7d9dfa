/**
 * The README's example, runnable: a round, one grant through apply, evaluate and award, and a
 * refused award that shows a typed error with its figures, and that error as an HTTP problem.
 * Each command runs through `ledger.run`, whose methods return a `Promise<Either<…>>`: a
 * forgotten `await` is a floating promise, where a forgotten `()` after a `TaskEither` method
 * would compile and do nothing.
 */
import * as E from "fp-ts/lib/Either.js";
import { createGrantLedger, formatMoney, ledgerProblem } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";

export async function quickstart(): Promise<string[]> {
  // The round is from 2009: loading it is the historical mode, recorded in every event (see the README).
  const ledger = createGrantLedger({ store: createMemoryEventStore(), historical: { reason: "Krisepakke 2009, loaded from the case files" } });
  const by = (commandId: string) => ({ commandId, actor: "saksbehandler@difi" });
  const lines: string[] = [];

  await ledger.run.openRound({
    roundId: "krise-2009-1", name: "Krisepakke 2009, runde 1",
    funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
    budget: 2_000_000_000, // øre: 20 000 000 NOK
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"],
              requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00",
    disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  }, by("open-round"));

  await ledger.run.applyForGrant({
    grantId: "ebygg", roundId: "krise-2009-1",
    applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
    participants: [
      { kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 5000 },
      { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 5000 },
    ],
    project: { title: "eByggesak" },
    totalCost: 1_650_000_000, requested: 330_000_000, // 20 % of 16,5 MNOK
    appliedAt: "2009-04-01T10:00:00+02:00",
  }, by("apply-ebygg"));

  await ledger.run.evaluateApplication({ grantId: "ebygg", score: 90, recommendation: "award",
    evaluator: "Difi fagpanel", evaluatedAt: "2009-05-20T10:00:00+02:00" }, by("evaluate-ebygg"));

  const awarded = await ledger.run.awardGrant({ grantId: "ebygg", amount: 330_000_000,
    disbursementPlan: [{ due: "2009-09-01", amount: 330_000_000 }], conditions: ["Sluttrapport"],
    awardedAt: "2009-06-19T12:00:00+02:00" }, by("award-ebygg"));
  if (E.isRight(awarded)) lines.push(`awarded: ${awarded.right.events.map((e) => e.event.type).join(", ")}`);

  const round = await ledger.run.readRound("krise-2009-1");
  if (E.isRight(round) && round.right.status !== "none") {
    lines.push(`committed: ${formatMoney(round.right.committed)} of ${formatMoney(round.right.budget)}`);
  }

  // A second award of a decided grant is refused with a typed error; nothing is written.
  const refused = await ledger.run.awardGrant({ grantId: "ebygg", amount: 400_000_000,
    disbursementPlan: [{ due: "2009-09-01", amount: 400_000_000 }], conditions: [],
    awardedAt: "2009-06-20T12:00:00+02:00" }, by("award-ebygg-again"));
  if (E.isLeft(refused)) lines.push(`refused: ${refused.left._tag}`);
  // At an HTTP edge the library maps every error to an RFC 9457 problem (status, type, figures).
  if (E.isLeft(refused)) {
    const problem = ledgerProblem(refused.left, { instance: "/grants/ebygg/award" });
    lines.push(`problem: ${problem.status} ${problem.type}`);
  }

  // The same command again (same commandId, e.g. a client's retry) appends nothing twice.
  const retried = await ledger.run.awardGrant({ grantId: "ebygg", amount: 330_000_000,
    disbursementPlan: [{ due: "2009-09-01", amount: 330_000_000 }], conditions: ["Sluttrapport"],
    awardedAt: "2009-06-19T12:00:00+02:00" }, by("award-ebygg"));
  if (E.isRight(retried)) lines.push(`retried award-ebygg: alreadyHandled=${retried.right.alreadyHandled}`);
  return lines;
}
