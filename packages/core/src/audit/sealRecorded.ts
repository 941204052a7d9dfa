import * as t from "io-ts";
import { Sha256Hex } from "../values/sha256Hex.js";
import { IsoDateTime } from "../values/isoTime.js";

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, "Count");

/**
 * A seal: the Merkle root over every stream's head at a global position (docs/audit.md).
 * Recorded in stream `seal`, chained like every other event.
 */
export const SealRecorded = t.type({
  type: t.literal("SealRecorded"),
  data: t.type({
    /** The global position the seal covers: every event at or before it. */
    position: Count,
    root: Sha256Hex,
    /** How many streams (leaves) the root covers. */
    streams: Count,
    sealedAt: IsoDateTime,
  }),
});
export type SealRecorded = t.TypeOf<typeof SealRecorded>;
