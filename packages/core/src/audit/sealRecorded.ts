import * as t from "io-ts";
import { Sha256Hex } from "../values/sha256Hex.js";
import { IsoDateTime } from "../values/isoTime.js";

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, "Count");

/**
 * A seal: the Merkle root over every stream's head at a global position (docs/audit.md).
 * Recorded in stream `seal`, chained like every other event.
 */
export const SealRecorded = t.type({
  /** Always `"SealRecorded"`. */
  type: t.literal("SealRecorded"),
  /** What the seal covers. */
  data: t.type({
    /** The global position the seal covers: every event at or before it. */
    position: Count,
    /** The Merkle root over the stream heads at `position` (docs/audit.md), lower-case hex. */
    root: Sha256Hex,
    /** How many streams (leaves) the root covers. */
    streams: Count,
    /** When the seal was made. */
    sealedAt: IsoDateTime,
  }),
});
export type SealRecorded = t.TypeOf<typeof SealRecorded>;
