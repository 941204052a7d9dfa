import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRoundBudget, getSchemeBudget } from "@grantledger/projections";
import { applyAndEvaluate, awardOf, expectProblem, openSchemeRound, recorded } from "./lifecycleRequests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

/** Plain JSON, as a read model's value travels over HTTP. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * A scheme over two rounds, over HTTP: round 1's budget is cut from 10 to 8 MNOK by a revised
 * appropriation, it awards 3,3 MNOK and closes, and the 4,7 MNOK it has left are carried to
 * round 2 of the same scheme. A round of another scheme takes none of it.
 */
describe("a round's budget adjusted, and its money carried to the next round of its scheme, over HTTP", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    for (const [roundId, budget, schemeId] of [
      ["krise-2009-1", 1_000_000_000, "krisepakke-2009"],
      ["krise-2009-2", 400_000_000, "krisepakke-2009"],
      ["bredband-2009", 100_000_000, "bredband-2009"],
    ] as const) {
      expect((await service.post("/rounds", openSchemeRound(roundId, budget, {}, schemeId))).status).toBe(201);
    }
    await applyAndEvaluate(service, "ebygg", "krise-2009-1");
    expect((await service.post("/grants/ebygg/award", awardOf(330_000_000))).status).toBe(200);
  });
  afterAll(() => service.close());

  it("POST /rounds/:roundId/budget-adjustments: a new budget, never below what is committed", async () => {
    const adjustment = { budget: 800_000_000, reason: "Revidert nasjonalbudsjett 2009", adjustedAt: "2009-06-22T12:00:00+02:00" };
    const adjusted = await service.post("/rounds/krise-2009-1/budget-adjustments", adjustment);
    expect(recorded(adjusted)).toEqual([["round-krise-2009-1", "RoundBudgetAdjusted"]]);
    expect(adjusted.body.events).toMatchObject([{ data: { budget: 800_000_000, previousBudget: 1_000_000_000 } }]);

    expectProblem(await service.post("/rounds/krise-2009-1/budget-adjustments", adjustment), 409, "budget-changes-nothing", "BudgetChangesNothing", { budget: 800_000_000 });
    const below = await service.post("/rounds/krise-2009-1/budget-adjustments", { ...adjustment, budget: 100_000_000 });
    expectProblem(below, 409, "budget-below-committed", "BudgetBelowCommitted", { roundId: "krise-2009-1", budget: 100_000_000, committed: 330_000_000 });
    expect(below.body.detail).toBe("A budget of 1 000 000,00 kr is below the 3 300 000,00 kr round krise-2009-1 has committed to awards.");
    const { reason: _reason, ...noReason } = adjustment;
    expectProblem(await service.post("/rounds/krise-2009-1/budget-adjustments", noReason), 422, "invalid-command", "InvalidCommand", { command: "AdjustRoundBudget", path: "reason" });
    expectProblem(await service.post("/rounds/nope/budget-adjustments", adjustment), 404, "round-not-found", "RoundNotFound", { roundId: "nope" });
  });

  it("POST /rounds/:roundId/carry-overs: only a closed round's money, only within its scheme, only what is left", async () => {
    const carry = { toRoundId: "krise-2009-2", amount: 470_000_000, carriedAt: "2009-09-01T12:00:00+02:00" };
    expectProblem(await service.post("/rounds/krise-2009-1/carry-overs", carry), 409, "carry-over-from-open-round", "CarryOverFromOpenRound", { roundId: "krise-2009-1" });
    expect((await service.post("/rounds/krise-2009-1/closure", { closedAt: "2009-08-31T23:59:59+02:00" })).status).toBe(200);

    const otherScheme = await service.post("/rounds/krise-2009-1/carry-overs", { ...carry, toRoundId: "bredband-2009" });
    expectProblem(otherScheme, 409, "rounds-of-different-schemes", "RoundsOfDifferentSchemes", { toRoundId: "bredband-2009", schemeId: "krisepakke-2009", toSchemeId: "bredband-2009" });
    const tooMuch = await service.post("/rounds/krise-2009-1/carry-overs", { ...carry, amount: 500_000_000 });
    expectProblem(tooMuch, 409, "carry-over-exceeds-remaining", "CarryOverExceedsRemaining", { amount: 500_000_000, remaining: 470_000_000 });

    const carried = await service.post("/rounds/krise-2009-1/carry-overs", carry);
    expect(carried.status).toBe(200);
    expect(recorded(carried)).toEqual([["round-krise-2009-1", "FundsCarriedOver"], ["round-krise-2009-2", "FundsCarriedIn"]]);
    expect(carried.body.events).toMatchObject([
      { data: { roundId: "krise-2009-1", toRoundId: "krise-2009-2", amount: 470_000_000 } },
      { data: { roundId: "krise-2009-2", fromRoundId: "krise-2009-1", amount: 470_000_000 } },
    ]);
  });

  it("GET /rounds and /rounds/:roundId give the read model's rows whole, new figures included", async () => {
    const { roundBudget } = await service.engine.settle();
    for (const roundId of ["krise-2009-1", "krise-2009-2"]) {
      expect((await service.get(`/rounds/${roundId}`)).body).toEqual(asJson(getRoundBudget(roundBudget, roundId)));
    }
    const rounds = (await service.get("/rounds")).body.rounds as readonly { roundId: string }[];
    expect(rounds.map((round) => round.roundId)).toEqual(["bredband-2009", "krise-2009-1", "krise-2009-2"]);
  });

  it("GET /schemes and /schemes/:schemeId sum a scheme's rounds", async () => {
    const { roundBudget } = await service.engine.settle();
    const scheme = await service.get("/schemes/krisepakke-2009");
    expect(scheme.body).toEqual(asJson(getSchemeBudget(roundBudget, "krisepakke-2009")));
    expect(scheme.body).toMatchObject({ schemeId: "krisepakke-2009", roundIds: ["krise-2009-1", "krise-2009-2"] });
    const schemes = (await service.get("/schemes")).body.schemes as readonly { schemeId: string }[];
    expect(schemes.map((row) => row.schemeId)).toEqual(["bredband-2009", "krisepakke-2009"]);
    expectProblem(await service.get("/schemes/nope"), 404, "scheme-not-found", "SchemeNotFound", { schemeId: "nope" });
  });

  it("GET /municipalities?round= and ?scheme= total one round's or one scheme's grants", async () => {
    const municipalityNos = async (query: string) =>
      ((await service.get(`/municipalities${query}`)).body.municipalities as readonly { municipalityNo: string }[]).map((row) => row.municipalityNo);
    expect(await municipalityNos("?round=krise-2009-1")).toEqual(["1201", "1247"]);
    expect(await municipalityNos("?scheme=krisepakke-2009")).toEqual(["1201", "1247"]);
    expect(await municipalityNos("?round=krise-2009-2")).toEqual([]);
    expect(await municipalityNos("?scheme=bredband-2009")).toEqual([]);
    expect((await service.get("/other-participants?scheme=krisepakke-2009")).body).toEqual({ otherParticipants: [] });
    expectProblem(await service.get("/municipalities?round=nope"), 404, "round-not-found", "RoundNotFound", { roundId: "nope" });
    expectProblem(await service.get("/other-participants?scheme=nope"), 404, "scheme-not-found", "SchemeNotFound", { schemeId: "nope" });
    expectProblem(await service.get("/municipalities?round=krise-2009-1&scheme=krisepakke-2009"), 400, "invalid-query", "InvalidQuery", { parameter: "round" });
  });
});
