/**
 * A read model of one's own, run by `startGrantEngine` beside the built-in ones: per awarded
 * grant, its inspections and how many still have deviations open. It folds the application's
 * own events (decoded by the inspection codecs) and the catalogue's `GrantAwarded`.
 */
import type { GrantAwarded } from "@grantledger/core";
import type { Projection } from "@grantledger/projections";
import { inspectionEvents, type InspectionEvent } from "./inspections.js";

/** One inspection as the read model lists it. */
export interface InspectionRow {
  /** The inspection's id. */
  readonly inspectionId: string;
  /** The day of the visit. */
  readonly visitedOn: string;
  /** What it found. */
  readonly finding: "satisfactory" | "deviations";
  /** Whether its deviations are still open. */
  readonly open: boolean;
}

/** Per awarded grant (by id), its inspections in the order recorded. */
export interface InspectionsByGrantState {
  readonly grants: { readonly [grantId: string]: readonly InspectionRow[] };
  /** The grant of each inspection, to find it again at `DeviationsClosed`. */
  readonly grantOf: { readonly [inspectionId: string]: string };
}

/** The read model: `engine.readModel(inspectionsByGrant)`. */
export const inspectionsByGrant: Projection<InspectionsByGrantState, InspectionEvent | GrantAwarded> = {
  name: "inspections-by-grant",
  version: 1,
  handles: ["GrantAwarded", "InspectionRecorded", "DeviationsClosed"],
  codecs: inspectionEvents,
  initialState: { grants: {}, grantOf: {} },
  apply: (state, { event }) => {
    switch (event.type) {
      case "GrantAwarded":
        return { ...state, grants: { ...state.grants, [event.data.grantId]: state.grants[event.data.grantId] ?? [] } };
      case "InspectionRecorded": {
        const { grantId, inspectionId, visitedOn, finding } = event.data;
        const row: InspectionRow = { inspectionId, visitedOn, finding, open: finding === "deviations" };
        return { grants: { ...state.grants, [grantId]: [...(state.grants[grantId] ?? []), row] }, grantOf: { ...state.grantOf, [inspectionId]: grantId } };
      }
      case "DeviationsClosed": {
        const grantId = state.grantOf[event.data.inspectionId];
        if (grantId === undefined) throw new Error(`deviations closed on inspection ${event.data.inspectionId}, which was never recorded`);
        const rows = (state.grants[grantId] ?? []).map((row) => (row.inspectionId === event.data.inspectionId ? { ...row, open: false } : row));
        return { ...state, grants: { ...state.grants, [grantId]: rows } };
      }
    }
  },
};

/** Awarded grants no inspection has visited yet, by id. */
export const uninspectedGrants = (state: InspectionsByGrantState): string[] =>
  Object.entries(state.grants)
    .filter(([, rows]) => rows.length === 0)
    .map(([grantId]) => grantId)
    .sort();

/** How many inspections of a grant still have deviations open. */
export const openDeviations = (state: InspectionsByGrantState, grantId: string): number => (state.grants[grantId] ?? []).filter((row) => row.open).length;
