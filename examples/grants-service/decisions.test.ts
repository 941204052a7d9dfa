import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { applyAndEvaluate, awardOf, expectProblem, openSchemeRound, payment, recorded } from "./lifecycleRequests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

const EVALUATOR = { "X-Actor": "vurdering@difi.no" };
const DIRECTOR = { "X-Actor": "direktor@difi.no" };

/**
 * Decisions other than an award over HTTP, in a round that separates the duties and can be
 * appealed for three weeks: conflicts of interest, dismissal (avvisning), withdrawal, appeals
 * upheld and dismissed.
 */
describe("conflicts of interest, separated duties, dismissals, withdrawals and appeals, over HTTP", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    const round = openSchemeRound("krise-2009-1", 2_000_000_000, { separationOfDuties: true, appealWindowDays: 21 });
    expect((await service.post("/rounds", round)).status).toBe(201);
  });
  afterAll(() => service.close());

  it("POST /grants/:grantId/conflicts-of-interest: the evaluator who declared one is refused", async () => {
    expect((await service.post("/grants", request.apply("habil"))).status).toBe(201);
    const declaration = { evaluator: "fagpanel@difi.no", reason: "Gift med prosjektlederen", declaredAt: "2009-04-20T10:00:00+02:00" };
    const declared = await service.post("/grants/habil/conflicts-of-interest", declaration);
    expect(recorded(declared)).toEqual([["grant-habil", "ConflictOfInterestDeclared"]]);
    const again = await service.post("/grants/habil/conflicts-of-interest", declaration);
    expectProblem(again, 409, "conflict-already-declared", "ConflictAlreadyDeclared", { grantId: "habil", evaluator: "fagpanel@difi.no" });
    const conflicted = await service.post("/grants/habil/evaluation", request.evaluate(), { "X-Actor": "fagpanel@difi.no" });
    expectProblem(conflicted, 409, "evaluator-has-conflict-of-interest", "EvaluatorHasConflictOfInterest", { evaluator: "fagpanel@difi.no" });
    expect((await service.post("/grants/habil/evaluation", request.evaluate(), EVALUATOR)).status).toBe(200);
  });

  it("separates the duties: who evaluated does not award, who awarded does not pay", async () => {
    const byEvaluator = await service.post("/grants/habil/award", awardOf(330_000_000), EVALUATOR);
    expectProblem(byEvaluator, 409, "evaluator-cannot-award", "EvaluatorCannotAward", { evaluatedBy: "vurdering@difi.no", awardedBy: "vurdering@difi.no" });
    expect((await service.post("/grants/habil/award", awardOf(330_000_000), DIRECTOR)).status).toBe(200);
    const pay = payment("DIFI-2009-0001", 198_000_000, "2009-09-01T12:00:00+02:00");
    expectProblem(await service.post("/grants/habil/disbursements", pay, DIRECTOR), 409, "awarder-cannot-pay", "AwarderCannotPay", {
      awardedBy: "direktor@difi.no",
      paidBy: "direktor@difi.no",
    });
    expect((await service.post("/grants/habil/disbursements", pay)).status).toBe(200);
  });

  it("POST /grants/:grantId/appeal and …/appeal/upholding: a rejection appealed in time is decided anew", async () => {
    await applyAndEvaluate(service, "klage", "krise-2009-1");
    expect((await service.post("/grants/klage/rejection", { reason: "Ikke samordnet", rejectedAt: "2009-06-19T12:00:00+02:00" })).status).toBe(200);
    const grounds = "Prosjektet er samordnet med nabokommunene; avslaget bygger på feil faktum";
    const late = await service.post("/grants/klage/appeal", { grounds, appealedAt: "2009-07-20T10:00:00+02:00" });
    expectProblem(late, 409, "appeal-out-of-time", "AppealOutOfTime", { windowDays: 21, decidedAt: "2009-06-19T12:00:00+02:00", deadline: "2009-07-10T10:00:00.000Z" });
    const appealed = await service.post("/grants/klage/appeal", { grounds, appealedAt: "2009-07-01T10:00:00+02:00" });
    expect(recorded(appealed)).toEqual([["grant-klage", "DecisionAppealed"]]);
    const upholding = { reason: "Avslaget bygde på feil faktum", decidedAt: "2009-08-15T12:00:00+02:00" };
    expect(recorded(await service.post("/grants/klage/appeal/upholding", upholding))).toEqual([["grant-klage", "AppealUpheld"]]);
    expectProblem(await service.post("/grants/klage/appeal/upholding", upholding), 409, "no-appeal-pending", "NoAppealPending", { grantStatus: "applied" });
    // Upheld, the application is evaluated and decided again.
    expect((await service.post("/grants/klage/evaluation", { ...request.evaluate(), evaluatedAt: "2009-08-20T10:00:00+02:00" })).status).toBe(200);
    expect((await service.post("/grants/klage/award", awardOf(330_000_000, "2009-08-25T12:00:00+02:00"), DIRECTOR)).status).toBe(200);
  });

  it("POST /grants/:grantId/dismissal and …/appeal/dismissal: a dismissal whose appeal failed is final", async () => {
    expect((await service.post("/grants", request.apply("avvist"))).status).toBe(201);
    const dismissal = { reason: "Søknaden mangler prosjektplan", dismissedAt: "2009-05-01T12:00:00+02:00" };
    expect(recorded(await service.post("/grants/avvist/dismissal", dismissal))).toEqual([["grant-avvist", "ApplicationDismissed"]]);
    expectProblem(await service.post("/grants/avvist/dismissal", dismissal), 409, "grant-already-decided", "GrantAlreadyDecided", { grantStatus: "dismissed" });
    const appealDismissal = { reason: "Prosjektplanen er et krav i utlysningen", decidedAt: "2009-06-01T12:00:00+02:00" };
    expectProblem(await service.post("/grants/avvist/appeal/dismissal", appealDismissal), 409, "no-appeal-pending", "NoAppealPending", { grantStatus: "dismissed" });
    expect((await service.post("/grants/avvist/appeal", { grounds: "Planen ble sendt i posten", appealedAt: "2009-05-10T10:00:00+02:00" })).status).toBe(200);
    expect(recorded(await service.post("/grants/avvist/appeal/dismissal", appealDismissal))).toEqual([["grant-avvist", "AppealDismissed"]]);
    const again = await service.post("/grants/avvist/appeal", { grounds: "Igjen", appealedAt: "2009-06-02T10:00:00+02:00" });
    expectProblem(again, 409, "appeal-already-dismissed", "AppealAlreadyDismissed", { grantId: "avvist" });
  });

  it("POST /grants/:grantId/withdrawal: only an undecided application is withdrawn; an award is not appealed", async () => {
    expect((await service.post("/grants", request.apply("trukket"))).status).toBe(201);
    const withdrawal = { reason: "Kommunen har valgt en annen løsning", withdrawnAt: "2009-05-01T12:00:00+02:00" };
    expect(recorded(await service.post("/grants/trukket/withdrawal", withdrawal))).toEqual([["grant-trukket", "ApplicationWithdrawn"]]);
    expectProblem(await service.post("/grants/trukket/withdrawal", withdrawal), 409, "grant-already-decided", "GrantAlreadyDecided", { grantStatus: "withdrawn" });
    const appeal = await service.post("/grants/habil/appeal", { grounds: "For lite", appealedAt: "2009-06-25T10:00:00+02:00" });
    expectProblem(appeal, 409, "nothing-to-appeal", "NothingToAppeal", { grantStatus: "awarded" });
  });

  it("GET /grants/:grantId/history tells the decisions in words", async () => {
    const summaries = async (grantId: string) =>
      ((await service.get(`/grants/${grantId}/history`)).body.events as readonly { summary: string }[]).map((e) => e.summary);
    expect(await summaries("avvist")).toEqual([
      expect.stringMatching(/^Applied \(søknad\)/),
      "Dismissed (avvist): Søknaden mangler prosjektplan.",
      "Decision appealed (påklaget): Planen ble sendt i posten.",
      "Appeal dismissed (klagen ikke tatt til følge): Prosjektplanen er et krav i utlysningen; the decision stands.",
    ]);
    expect((await summaries("habil"))[1]).toBe("Conflict of interest declared (inhabilitet) by fagpanel@difi.no: Gift med prosjektlederen.");
    expect((await summaries("trukket"))[1]).toBe("Withdrawn (trukket) by the applicant: Kommunen har valgt en annen løsning.");
    expect((await summaries("klage")).slice(3, 5)).toEqual([
      "Decision appealed (påklaget): Prosjektet er samordnet med nabokommunene; avslaget bygger på feil faktum.",
      "Appeal upheld (klagen tatt til følge): Avslaget bygde på feil faktum; the application is to be decided anew.",
    ]);
  });
});
