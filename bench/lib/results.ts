import { writeFile } from "node:fs/promises";
import type { ResultRow } from "./workload.js";

/** The shape of bench/results.json. */
export interface ResultsFile {
  readonly machine: string;
  readonly node: string;
  readonly workloads: readonly {
    readonly name: string;
    readonly unit: string;
    readonly ours: number | null;
    readonly peer: number | null;
    readonly ratio: number | null;
    readonly target: string;
    readonly met: boolean | null;
    readonly note?: string;
  }[];
}

// Rates are whole numbers of events or commands per second; finer digits are noise here.
const rounded = (value: number | null): number | null => (value === null ? null : value >= 100 ? Math.round(value) : Math.round(value * 100) / 100);

export const toResultsFile = (machine: string, rows: readonly ResultRow[]): ResultsFile => ({
  machine,
  node: process.version,
  workloads: rows.map((row) => ({
    name: row.name,
    unit: row.unit,
    ours: rounded(row.ours),
    peer: rounded(row.peer),
    ratio: row.ratio === null ? null : Math.round(row.ratio * 100) / 100,
    target: row.target,
    met: row.met,
    ...(row.note === undefined ? {} : { note: row.note }),
  })),
});

export const writeResults = (path: string, results: ResultsFile): Promise<void> =>
  writeFile(path, `${JSON.stringify(results, null, 2)}\n`, "utf8");
