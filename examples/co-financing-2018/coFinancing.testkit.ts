import { createGrantLedger, decodeDomainEvent, type DomainEvent, type EventStore } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { createBusinessTimeStore } from "./businessTimeStore.js";
import type { AwardedProjectSpec } from "./data/projectSpec.js";
import { ROUND_ID } from "./ids.js";
import { buildReport, type CoFinancingReport } from "./report.js";
import { seedRound, type SeedSummary } from "./seedRound.js";

// The scheme's real figures, in øre, written out here rather than imported so the test checks the data against them.
export const MNOK = 100_000_000;
export const BUDGET = 120 * MNOK;
export const MAX_GRANT = 15 * MNOK;

export type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>["data"];
export const dataOf = <T extends DomainEvent["type"]>(events: readonly DomainEvent[], type: T): Of<T>[] =>
  events.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type).map((event) => event.data as Of<T>);

/** A seeded store, its decoded history (with each event's id and recorded time) and the report. */
export interface Seeded {
  readonly store: EventStore;
  readonly summary: SeedSummary;
  readonly events: readonly DomainEvent[];
  readonly report: CoFinancingReport;
  readonly ids: readonly string[];
  readonly recordedAt: readonly string[];
}

/** Seeds a fresh store as main does, and returns it with its decoded history and the report. */
export const seed = async (): Promise<Seeded> => {
  const { store, moveTo } = createBusinessTimeStore("2017-11-01T09:00:00+01:00");
  const seeded = await seedRound(createGrantLedger({ historical: { reason: "the 2018 co-financing round, replayed as an example" }, store }), { beforeStep: (step) => moveTo(step.at) })();
  if (E.isLeft(seeded)) throw new Error(`seeding stopped at ${seeded.left.step.key}: ${seeded.left._tag}`);
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(`readAll failed: ${all.left._tag}`);
  const events = all.right.map((recorded) => {
    const decoded = decodeDomainEvent({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) throw new Error(`undecodable ${recorded.type} at ${recorded.position}`);
    return decoded.right;
  });
  const report = await buildReport(store, ROUND_ID, seeded.right.refusals)();
  if (E.isLeft(report)) throw new Error(`report failed: ${report.left._tag}`);
  return { store, summary: seeded.right, events, report: report.right, ids: all.right.map((r) => r.id), recordedAt: all.right.map((r) => r.recordedAt) };
};

/** Planned and reported per "category unit" key, computed straight from the project data. */
export const expectedFigures = (projects: readonly AwardedProjectSpec[]): Map<string, { planned: number; reported: number }> => {
  const figures = new Map<string, { planned: number; reported: number }>();
  for (const project of projects) {
    for (const benefit of project.benefits) {
      const scale = benefit.unit === "NOK" ? 100 : 1;
      const key = `${benefit.category} ${benefit.unit}`;
      const known = figures.get(key) ?? { planned: 0, reported: 0 };
      benefit.yearlyTargets.forEach((target, year) => {
        known.planned += target * scale;
        known.reported += Math.round((target * scale * (project.realisedPercent[year] ?? 0)) / 100);
      });
      figures.set(key, known);
    }
  }
  return figures;
};

export const figuresOf = (rows: readonly { category: string; unit: string; planned: number; reported: number }[]) =>
  new Map(rows.map((row) => [`${row.category} ${row.unit}`, { planned: row.planned, reported: row.reported }]));
