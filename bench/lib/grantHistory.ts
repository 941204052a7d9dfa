import { createHash, randomUUID } from "node:crypto";
import type { JsonObject } from "@grantledger/core";

/**
 * A recorded event as JSON text, one a line, in the export's shape (`revision` and `position` as
 * JSON integers): what a rebuild from an export, a file or a database row starts from.
 */
export interface WireEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: string;
}

const EVENTS_PER_GRANT = 8;
const BLOCK = 500;
const ROUNDS = 20;

// Deterministic, so every run folds the same history.
const seeded = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

// 20 counties of 22 municipalities: numbers whose first two digits are the county, as the codec wants.
const MUNICIPALITIES = Array.from({ length: 20 }, (_, c) =>
  Array.from({ length: 22 }, (__, n) => `${String(c + 1).padStart(2, "0")}${String(n + 1).padStart(2, "0")}`),
).flat();

/**
 * About `total` events (a whole number of grants, plus the rounds' openings) of grants as a case
 * officer works through them in blocks of 500: applied for by 1 to 33 municipalities (half alone,
 * a sixth in large consortia), evaluated, funds committed, awarded, paid in three tranches, and
 * reported on once: eight events a grant. Each event carries the metadata the handler writes,
 * hash chain included (the hashes have the right form; the rebuild does not check them).
 */
export const grantHistoryLines = (total: number): string[] => {
  const random = seeded(2009);
  const lines: string[] = [];
  const heads = new Map<string, { revision: number; hash: string }>();
  const record = (streamName: string, type: string, data: JsonObject): void => {
    const head = heads.get(streamName);
    const revision = head === undefined ? 0 : head.revision + 1;
    const commandId = randomUUID();
    const hash = createHash("sha256").update(`${commandId}${lines.length}`).digest("hex");
    heads.set(streamName, { revision, hash });
    const metadata = { commandId, correlationId: commandId, causationId: commandId, actor: "case-officer@difi", schemaVersion: 1, prevHash: head?.hash ?? null, hash };
    const recordedAt = new Date(Date.UTC(2009, 2, 1) + lines.length * 1000).toISOString();
    const event: WireEvent = { streamName, revision, position: lines.length, id: randomUUID(), type, data, metadata, recordedAt };
    lines.push(JSON.stringify(event));
  };
  const participants = (): JsonObject[] => {
    const roll = random();
    const count = roll < 0.5 ? 1 : roll < 0.85 ? 2 + Math.floor(random() * 4) : 6 + Math.floor(random() * 28);
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(MUNICIPALITIES[Math.floor(random() * MUNICIPALITIES.length)] ?? "0101");
    const base = Math.floor(10_000 / count);
    return [...chosen].map((no, index) => ({ kind: "municipality", municipalityNo: no, name: `Kommune ${no}`, shareBps: index === 0 ? 10_000 - base * (count - 1) : base }));
  };

  for (let r = 0; r < ROUNDS; r++) {
    record(`round-r${r}`, "RoundOpened", {
      roundId: `r${r}`,
      name: `Runde ${r + 1}`,
      funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
      budget: 9_000_000_000_000,
      policy: { maxShareBps: 5000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-06-30T23:59:59+02:00",
      disbursementWindow: { from: "2009-01-01", to: "2012-12-31" },
    });
  }
  const grants = Math.floor((total - ROUNDS) / EVENTS_PER_GRANT);
  for (let first = 0; first < grants; first += BLOCK) {
    const block = Array.from({ length: Math.min(BLOCK, grants - first) }, (_, i) => {
      const n = first + i;
      const requested = 100_000 + Math.floor(random() * 50_000_000);
      return { grantId: `g${n}`, roundId: `r${n % ROUNDS}`, requested, awarded: Math.max(3, Math.floor(requested * (0.5 + random() / 2))) };
    });
    for (const { grantId, roundId, requested } of block) {
      record(`grant-${grantId}`, "GrantApplied", {
        grantId, roundId, applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" }, participants: participants(),
        project: { title: `Prosjekt ${grantId}` }, totalCost: requested * 5, requested, appliedAt: "2009-03-01T10:00:00+01:00",
      });
    }
    for (const { grantId } of block) {
      record(`grant-${grantId}`, "ApplicationEvaluated", { grantId, score: 70, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-08-01T12:00:00+02:00" });
    }
    for (const { grantId, roundId, awarded } of block) {
      record(`round-${roundId}`, "FundsCommitted", { roundId, grantId, amount: awarded });
      record(`grant-${grantId}`, "GrantAwarded", {
        grantId, roundId, amount: awarded, disbursementPlan: [{ due: "2010-01-01", amount: awarded }], conditions: [], awardedAt: "2009-09-01T10:00:00+02:00",
      });
    }
    for (const tranche of [0, 1, 2]) {
      for (const { grantId, awarded } of block) {
        const amount = Math.floor(awarded / 3) + (tranche === 2 ? awarded % 3 : 0);
        record(`grant-${grantId}`, "GrantDisbursed", { grantId, amount, paymentRef: `PAY-${grantId}-${tranche + 1}`, disbursedAt: `201${tranche}-03-01T10:00:00+01:00` });
      }
    }
    for (const { grantId } of block) {
      record(`grant-${grantId}`, "BenefitsReported", {
        grantId, period: { from: "2011-01-01", to: "2011-12-31" }, reportedAt: "2012-02-01T10:00:00+01:00",
        benefits: [{ category: "cost-saving", description: "Saved licences", unit: "NOK", actual: Math.floor(random() * 10_000_000), owner: "IT-sjef" }],
      });
    }
  }
  return lines;
};
