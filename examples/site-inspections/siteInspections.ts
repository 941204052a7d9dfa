/**
 * The site-inspections example, runnable: a round and two grants through the ledger, one
 * awarded; inspections of their own through `createStreamHandler` (an inspection of the grant
 * not awarded is refused, a retry appends nothing twice); the own read model run by
 * `startGrantEngine`; and `verifyHistory` over the whole history with the inspection codecs.
 */
import * as E from "fp-ts/lib/Either.js";
import { createStreamHandler, readAllPages, verifyHistory, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { startGrantEngine } from "@grantledger/projections";
import { inspections } from "./inspections.js";
import { inspectionsByGrant, openDeviations, uninspectedGrants } from "./inspectionsByGrant.js";

/** Runs the example; the lines it would print. */
export async function siteInspections(): Promise<string[]> {
  const store = createMemoryEventStore();
  const historical = { reason: "Krisepakke 2009, loaded from the case files" };
  const started = await startGrantEngine({ store, historical, projections: [inspectionsByGrant] })();
  if (E.isLeft(started)) throw new Error(started.left._tag);
  const engine = started.right;
  // The same options as the engine's ledger: the clock, the historical mode, the input limits.
  const handler = createStreamHandler(inspections, { store, historical });
  const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });
  const lines: string[] = [];
  try {
    const { ledger } = engine;
    await ledger.openRound({
      roundId: "krise-2009-1", name: "Krisepakke 2009, runde 1",
      funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
      budget: 2_000_000_000,
      policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-04-15T23:59:59+02:00",
      disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
    }, by("open-round"))();
    for (const grantId of ["ebygg", "arkiv"]) {
      await ledger.applyForGrant({
        grantId, roundId: "krise-2009-1",
        applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
        project: { title: grantId }, totalCost: 1_000_000_000, requested: 200_000_000,
        appliedAt: "2009-04-01T10:00:00+02:00",
      }, by(`apply-${grantId}`))();
    }
    await ledger.evaluateApplication({ grantId: "ebygg", score: 90, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-20T10:00:00+02:00" }, by("evaluate-ebygg"))();
    await ledger.awardGrant({ grantId: "ebygg", amount: 200_000_000, disbursementPlan: [{ due: "2009-09-01", amount: 200_000_000 }], conditions: [], awardedAt: "2009-06-19T12:00:00+02:00" }, by("award-ebygg"))();

    const visit = { inspectionId: "insp-1", grantId: "ebygg", inspector: "Kari Nordmann", visitedOn: "2009-10-12", finding: "deviations", notes: "Two of five modules not yet in use" } as const;
    const recorded = await handler.execute({ type: "RecordInspection", data: visit }, by("inspect-1", "kontrollør@difi"))();
    if (E.isRight(recorded)) lines.push(`recorded: ${recorded.right.events.map((e) => `${e.event.type} at ${e.streamName}@${e.revision}`).join(", ")}`);
    // A client's retry of the same command (same commandId) is answered from its events.
    const retried = await handler.execute({ type: "RecordInspection", data: visit }, by("inspect-1", "kontrollør@difi"))();
    if (E.isRight(retried)) lines.push(`retried inspect-1: alreadyHandled=${retried.right.alreadyHandled}`);
    // The grant "arkiv" was never awarded: its own stream says so, and the inspection is refused.
    const refused = await handler.execute({ type: "RecordInspection", data: { ...visit, inspectionId: "insp-2", grantId: "arkiv" } }, by("inspect-2"))();
    if (E.isLeft(refused)) lines.push(`refused: ${refused.left._tag}`);
    await handler.execute({ type: "CloseDeviations", data: { inspectionId: "insp-1", closedOn: "2009-12-01", notes: "All modules in use" } }, by("close-1"))();

    const settled = await engine.settled()();
    if (E.isLeft(settled)) throw new Error(settled.left._tag);
    const model = engine.readModel(inspectionsByGrant);
    lines.push(`inspections of ebygg: ${model.grants["ebygg"]?.length ?? 0}, deviations open: ${openDeviations(model, "ebygg")}`);
    lines.push(`awarded, not inspected: ${uninspectedGrants(model).join(", ") || "none"}`);

    const events: RecordedEvent[] = [];
    for await (const event of readAllPages(store)) events.push(event);
    const verified = await verifyHistory(events, { codecs: inspections.events });
    if (E.isRight(verified)) lines.push(`verified: ${verified.right.events} events in ${verified.right.streams} streams`);
    return lines;
  } finally {
    await engine.stop();
    await store.close();
  }
}
