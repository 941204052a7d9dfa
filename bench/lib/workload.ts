/** The workloads `pnpm bench` knows, in the order a full run takes them. */
export const WORKLOAD_NAMES = [
  "memory-append",
  "memory-one-stream",
  "commands",
  "rebuild",
  "postgres-append",
  "memory-per-event",
  "audit",
  "hostile-bodies",
  "service-scaling",
  "read-model-tables",
  "scale",
] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/**
 * One line of the table and of results.json. `ratio` is always "how many times better ours is"
 * (ours / peer for rates, peer / ours for bytes), so a bigger ratio is always the better one.
 * `null` figures mean the side was not measured (a skipped workload).
 */
export interface ResultRow {
  readonly name: string;
  readonly unit: string;
  readonly ours: number | null;
  readonly peer: number | null;
  /** What the peer column holds: `Emmett`, `floor`, … */
  readonly peerLabel: string;
  readonly ratio: number | null;
  /** The target as written in the issue, e.g. `>= 20x`. */
  readonly target: string;
  readonly met: boolean | null;
  /** What a reader needs to read the figures right: scaled-down counts, what is included. */
  readonly note?: string;
}

/** What `pnpm bench` was told beyond which workloads to run. */
export interface RunOptions {
  /** `--grants N`: the size of the history a workload that takes one (`scale`) writes. */
  readonly grants?: number;
}

/** A benchmark: runs both sides, alternating, and reports one or more rows. */
export interface Workload {
  readonly name: WorkloadName;
  /** One sentence for the report: what is measured. */
  readonly measures: string;
  run(log: (line: string) => void, options?: RunOptions): Promise<readonly ResultRow[]>;
}
