import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, decodeDomainEvent, isValidOrganisationNumber, type DomainEvent, type EventStore } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { COUNTIES_2009 } from "./data/counties2009.js";
import { MUNICIPALITIES_2009 } from "./data/municipalities2009.js";
import { AWARDED_PROJECTS } from "./data/projects.js";
import { REJECTED_APPLICATIONS } from "./data/rejectedApplications.js";
import { DEMO_HISTORY, ROUND_ID } from "./ids.js";
import { hasValidCheckDigit, illustrativeOrgNo, mod11CheckDigit, REAL_ORG_NUMBERS } from "./orgNumbers.js";
import { participantsOf } from "./participants.js";
import { buildReport, reportJson } from "./report.js";
import { seedRound } from "./seedRound.js";
import { equalSharesBps } from "./shares.js";
import { createStepClock } from "./stepClock.js";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>["data"];

const BUDGET_ORE = 2_000_000_000;
/** What round 1 carried to round 2: the early-closed grant's unpaid 60 % of 200 000 kr. */
const CARRIED_ORE = 12_000_000;
const KARTVERKET = "971040238";

/** Seeds a fresh memory store, as main does, and returns it with its decoded history. */
const seed = async (): Promise<{ store: EventStore; events: DomainEvent[]; recordedAt: string[]; ids: string[] }> => {
  const clock = createStepClock("2009-01-01T00:00:00+01:00");
  const store = createMemoryEventStore({ now: clock.now });
  const seeded = await seedRound(createGrantLedger({ store, historical: DEMO_HISTORY }), { beforeStep: (step) => clock.set(step.at) })();
  if (E.isLeft(seeded)) throw new Error(`seeding refused ${seeded.left.step.key}: ${seeded.left.error._tag}`);
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(`readAll failed: ${all.left._tag}`);
  const events = all.right.map((recorded) => {
    const decoded = decodeDomainEvent({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) throw new Error(`undecodable ${recorded.type} at ${recorded.position}`);
    return decoded.right;
  });
  return { store, events, recordedAt: all.right.map((r) => r.recordedAt), ids: all.right.map((r) => r.id) };
};

const dataOf = <T extends DomainEvent["type"]>(events: readonly DomainEvent[], type: T): Of<T>[] =>
  events.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type).map((event) => event.data as Of<T>);

describe("the difi-2009 demo's data", () => {
  it("has 145 distinct 2009 municipalities, each numbered within a 2009 county", () => {
    const numbers = MUNICIPALITIES_2009.map((m) => m.municipalityNo);
    expect(new Set(numbers).size).toBe(145);
    for (const no of numbers) {
      expect(no).toMatch(/^\d{4}$/);
      expect(COUNTIES_2009[no.slice(0, 2)]).toBeDefined();
    }
    // Spot checks against well-known 2009 numbers.
    const name = (no: string) => MUNICIPALITIES_2009.find((m) => m.municipalityNo === no)?.name;
    expect([name("0301"), name("1201"), name("1601"), name("1103"), name("1902"), name("1102")]).toEqual([
      "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Sandnes",
    ]);
  });

  it("awards 52 projects summing to exactly 20 000 000 NOK, eBygg the largest at 3.3 MNOK for 33 municipalities", () => {
    expect(AWARDED_PROJECTS).toHaveLength(52);
    expect(AWARDED_PROJECTS.reduce((sum, p) => sum + p.awardedNok, 0)).toBe(20_000_000);
    const [ebygg, ...rest] = AWARDED_PROJECTS;
    expect(ebygg?.title).toBe("eBygg");
    expect(ebygg?.awardedNok).toBe(3_300_000);
    expect(ebygg?.municipalities).toHaveLength(33);
    for (const p of rest) expect(p.awardedNok).toBeLessThan(3_300_000);
  });

  it("rejects 8-10 other applications, involving no municipality beyond the 145", () => {
    expect(REJECTED_APPLICATIONS.length).toBeGreaterThanOrEqual(8);
    expect(REJECTED_APPLICATIONS.length).toBeLessThanOrEqual(10);
    const awardedKeys = new Set(AWARDED_PROJECTS.map((p) => p.key));
    const awardedMunicipalities = new Set(AWARDED_PROJECTS.flatMap((p) => p.municipalities));
    for (const r of REJECTED_APPLICATIONS) {
      expect(awardedKeys.has(r.key)).toBe(false);
      expect(r.reason.trim()).not.toBe("");
      for (const no of r.municipalities) expect(awardedMunicipalities.has(no)).toBe(true);
    }
  });

  it("splits shares equally, the remainder on the first participants, summing to 10 000", () => {
    expect(equalSharesBps(3)).toEqual([3334, 3333, 3333]);
    expect(equalSharesBps(33)).toEqual([304, ...Array.from({ length: 32 }, () => 303)]);
    for (let n = 1; n <= 60; n++) expect(equalSharesBps(n).reduce((a, b) => a + b, 0)).toBe(10_000);
    for (const spec of [...AWARDED_PROJECTS, ...REJECTED_APPLICATIONS]) {
      expect(participantsOf(spec).reduce((sum, p) => sum + p.shareBps, 0)).toBe(10_000);
    }
  });

  it("computes mod-11 check digits, accepts the real numbers and makes valid illustrative ones", () => {
    for (const real of Object.values(REAL_ORG_NUMBERS)) expect(hasValidCheckDigit(real)).toBe(true);
    expect(mod11CheckDigit("96433853")).toBe(1);
    expect(hasValidCheckDigit("964338532")).toBe(false);
    for (const m of MUNICIPALITIES_2009) {
      const orgNo = illustrativeOrgNo("municipality", m.municipalityNo);
      expect(isValidOrganisationNumber(orgNo)).toBe(true);
      expect(orgNo.startsWith("10")).toBe(true);
    }
  });
});

describe("the difi-2009 demo, seeded through the ledger", () => {
  let history: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    history = await seed();
  });

  const awardedApplications = () => {
    const awarded = new Set(dataOf(history.events, "GrantAwarded").map((a) => a.grantId));
    return dataOf(history.events, "GrantApplied").filter((a) => awarded.has(a.grantId));
  };

  it("records 52 awards, the rejections with reasons, and an evaluation for every application", () => {
    const applied = dataOf(history.events, "GrantApplied");
    expect(dataOf(history.events, "GrantAwarded")).toHaveLength(52);
    // Tynset's application is rejected twice: before its appeal was upheld, and anew after.
    const rejected = dataOf(history.events, "GrantRejected");
    expect(rejected).toHaveLength(REJECTED_APPLICATIONS.length + 1);
    expect(new Set(rejected.map((r) => r.grantId)).size).toBe(REJECTED_APPLICATIONS.length);
    expect(applied).toHaveLength(52 + REJECTED_APPLICATIONS.length);
    expect(new Set(dataOf(history.events, "ApplicationEvaluated").map((e) => e.grantId))).toEqual(new Set(applied.map((a) => a.grantId)));
  });

  it("tells the rest of 2009: acceptances, an appeal upheld, a reversal, an early closing, a repayment, round 2 with the carry-over", () => {
    expect(dataOf(history.events, "ConditionsAccepted")).toHaveLength(52);
    expect(dataOf(history.events, "DecisionAppealed").map((e) => e.grantId)).toEqual(["krisepakken-2009-1-tynset-nettsted"]);
    expect(dataOf(history.events, "AppealUpheld")).toHaveLength(1);
    expect(dataOf(history.events, "DisbursementReversed")).toMatchObject([{ grantId: "krisepakken-2009-1-oslo-selvbetjening", amount: 16_800_000 }]);
    expect(dataOf(history.events, "GrantClosed")).toMatchObject([{ grantId: "krisepakken-2009-1-sogn-tjenester", unpaid: CARRIED_ORE }]);
    expect(dataOf(history.events, "RepaymentClaimed")).toMatchObject([{ amount: 5_000_000 }]);
    expect(dataOf(history.events, "RepaymentReceived").map((e) => e.amount)).toEqual([3_000_000, 2_000_000]);
    expect(dataOf(history.events, "FundsCarriedOver")).toMatchObject([{ roundId: "krisepakken-2009-1", toRoundId: "krisepakken-2009-2", amount: CARRIED_ORE }]);
    expect(dataOf(history.events, "FundsCarriedIn")).toMatchObject([{ roundId: "krisepakken-2009-2", fromRoundId: "krisepakken-2009-1", amount: CARRIED_ORE }]);
    const [, second] = dataOf(history.events, "RoundOpened");
    expect(second).toMatchObject({ roundId: "krisepakken-2009-2", budget: 4_000_000_000, schemeId: "krisepakken-2009" });
  });

  it("has 145 municipalities, six counties, five county governors and Statens kartverk among the awarded participants", () => {
    const participants = awardedApplications().flatMap((a) => a.participants);
    const ids = (kind: string) =>
      new Set(participants.filter((p) => p.kind === kind).map((p) => (p.kind === "municipality" ? p.municipalityNo : p.kind === "county" ? p.countyNo : p.orgNo)));
    expect(ids("municipality").size).toBe(145);
    expect(ids("county").size).toBe(6);
    expect(ids("county-governor").size).toBe(5);
    expect([...ids("state-agency")]).toEqual([KARTVERKET]);
    expect(ids("other").size).toBe(0);
  });

  it("commits exactly the budget, 2 000 000 000 øre, the sum of the awards", () => {
    const [opened] = dataOf(history.events, "RoundOpened");
    const committed = dataOf(history.events, "FundsCommitted").reduce((sum, c) => sum + c.amount, 0);
    const awarded = dataOf(history.events, "GrantAwarded").reduce((sum, a) => sum + a.amount, 0);
    expect(opened?.budget).toBe(BUDGET_ORE);
    expect(committed).toBe(BUDGET_ORE);
    expect(awarded).toBe(BUDGET_ORE);
  });

  it("records share lists of 10 000 and only valid organisation numbers", () => {
    for (const application of dataOf(history.events, "GrantApplied")) {
      expect(application.participants.reduce((sum, p) => sum + p.shareBps, 0)).toBe(10_000);
      expect(isValidOrganisationNumber(application.applicant.orgNo)).toBe(true);
      for (const p of application.participants) if ("orgNo" in p) expect(isValidOrganisationNumber(p.orgNo)).toBe(true);
    }
    const [opened] = dataOf(history.events, "RoundOpened");
    expect(opened?.funder.orgNo).toBe(REAL_ORG_NUMBERS.difi);
  });

  it("pays in tranches over 2009-2011 without paying everything, and records some benefits reports", () => {
    const disbursed = dataOf(history.events, "GrantDisbursed");
    const years = new Set(disbursed.map((d) => d.disbursedAt.slice(0, 4)));
    expect(years).toEqual(new Set(["2009", "2010", "2011"]));
    const total = disbursed.reduce((sum, d) => sum + d.amount, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(BUDGET_ORE);
    expect(dataOf(history.events, "BenefitsReported").length).toBeGreaterThan(0);
  });

  it("gives the same events every run, recorded at the business times in order", async () => {
    const again = await seed();
    expect(again.ids).toEqual(history.ids);
    expect(again.recordedAt).toEqual(history.recordedAt);
    const instants = history.recordedAt.map((at) => Date.parse(at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(history.recordedAt[0]?.startsWith("2009-")).toBe(true);
  });

  it("splits the awards over municipalities and others to exactly the committed total", async () => {
    const report = await buildReport(history.store, ROUND_ID)();
    if (E.isLeft(report)) throw new Error(`report failed: ${report.left._tag}`);
    const json = reportJson(report.right);
    // Sogndal and Luster's grant closed with 120 000 kr unpaid, which went on to round 2.
    expect(json.round).toMatchObject({ budget: BUDGET_ORE - CARRIED_ORE, committed: BUDGET_ORE - CARRIED_ORE, remaining: 0, awardedGrants: 52 });
    expect(json.municipalities).toHaveLength(145);
    const spread = [...json.municipalities, ...json.others].reduce((sum, row) => sum + row.awarded, 0);
    expect(spread).toBe(json.round.committed);
  });
});

describe("main.ts", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(tsx, ["--conditions=@grantledger/source", "examples/difi-2009/main.ts", ...args], { cwd: root });

  it("prints the JSON the issue specifies, with money as integer øre", async () => {
    const { stdout } = await run("--json");
    const json: unknown = JSON.parse(stdout);
    expect(Object.keys(json as object)).toEqual(["round", "municipalities", "others", "rounds"]);
    const { round, municipalities, others, rounds } = json as {
      round: Record<string, number>;
      municipalities: Record<string, unknown>[];
      others: Record<string, unknown>[];
      rounds: Record<string, unknown>[];
    };
    expect(Object.keys(round)).toEqual(["budget", "committed", "disbursed", "remaining", "awardedGrants"]);
    expect(round).toMatchObject({ budget: BUDGET_ORE - CARRIED_ORE, committed: BUDGET_ORE - CARRIED_ORE, remaining: 0, awardedGrants: 52 });
    // Round 1 net: 18 450 000 kr paid (the reversed payment paid again), less 50 000 kr repaid.
    expect(round.disbursed).toBe(1_840_000_000);
    expect(rounds).toEqual([
      expect.objectContaining({ roundId: "krisepakken-2009-1", schemeId: "krisepakken-2009", openedBudget: BUDGET_ORE, carriedOver: CARRIED_ORE, carriedIn: 0, released: CARRIED_ORE, reversed: 16_800_000, repaid: 5_000_000, closed: 1 }),
      expect.objectContaining({ roundId: "krisepakken-2009-2", schemeId: "krisepakken-2009", openedBudget: 4_000_000_000, carriedIn: CARRIED_ORE, budget: 4_000_000_000 + CARRIED_ORE, committed: 0, remaining: 4_000_000_000 + CARRIED_ORE }),
    ]);
    expect(municipalities).toHaveLength(145);
    for (const row of municipalities) {
      expect(Object.keys(row)).toEqual(["municipalityNo", "name", "projects", "requested", "awarded", "disbursed"]);
      for (const key of ["requested", "awarded", "disbursed"]) expect(Number.isSafeInteger(row[key])).toBe(true);
    }
    expect(others).toHaveLength(6 + 5 + 1);
    for (const row of others) expect(Object.keys(row)).toEqual(["kind", "id", "name", "projects", "requested", "awarded", "disbursed"]);
    const spread = [...municipalities, ...others].reduce((sum, row) => sum + Number(row.awarded), 0);
    expect(spread).toBe(BUDGET_ORE - CARRIED_ORE);
  });

  it("refuses an unknown option or store with exit code 2 and a usage line", async () => {
    for (const args of [["--bogus"], ["--store", "postgres://localhost/x"]]) {
      const failure = await run(...args).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain("usage: pnpm demo");
    }
  });
});
