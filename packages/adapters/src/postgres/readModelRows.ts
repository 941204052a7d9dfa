import type { JsonObject } from "@grantledger/core";
import { listMunicipalities, listOtherParticipants, municipalityTotals } from "@grantledger/projections";
import type { Projection } from "@grantledger/projections";

/**
 * How a read model's state becomes rows of `read_model_rows` (one JSON object per key), so that
 * plain SQL can query what is otherwise a serialised state. Written with the state, in one
 * transaction, every time it is saved.
 */
export interface ReadModelRows {
  /** The projection (read model) name. */
  readonly name: string;
  /** The projection version whose state `rowsOf` understands; a state of another version gets no rows. */
  readonly version: number;
  /** The rows of a state, as key and JSON object; the keys are unique within one state. */
  rowsOf(state: unknown): Iterable<readonly [key: string, row: JsonObject]>;
}

/** Rows for `projection`, from its state. */
export const readModelRows = <S>(
  projection: Projection<S>,
  rowsOf: (state: S) => Iterable<readonly [key: string, row: JsonObject]>,
): ReadModelRows => ({
  name: projection.name,
  version: projection.version,
  // The store calls this only for a state saved under this name and version, which is what
  // guards the state's shape, as the projection runner's own load does.
  rowsOf: (state) => rowsOf(state as S),
});

/**
 * The municipality totals as rows, behind the views `municipality_totals` (keys
 * `municipality:<number>`) and `participant_totals` (`<kind>:<id>`).
 */
export const municipalityTotalsRows: ReadModelRows = readModelRows(municipalityTotals, function* (state) {
  for (const row of listMunicipalities(state)) yield [`municipality:${row.municipalityNo}`, { ...row }];
  for (const row of listOtherParticipants(state)) yield [`${row.kind}:${row.id}`, { ...row }];
});
