import * as E from "fp-ts/lib/Either.js";
import { describeValidationErrors } from "../events/decodeEvent.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { SealRecordedV1, SealRecordedV2 } from "./sealRecorded.js";

/** A seal event's data, by version, or why it is no seal. */
export type DecodedSeal = DecodedSealV1 | DecodedSealV2;

/** A version-1 seal's data. */
export interface DecodedSealV1 {
  /** Always 1. */
  readonly version: 1;
  /** The seal's data, decoded. */
  readonly data: SealRecordedV1["data"];
}

/** A version-2 seal's data. */
export interface DecodedSealV2 {
  /** Always 2. */
  readonly version: 2;
  /** The seal's data, decoded. */
  readonly data: SealRecordedV2["data"];
}

/** Why an event is no seal: the dotted path of the failing value and what was wrong. */
export interface SealDecodeFailure {
  /** The dotted path, e.g. `data.treeSize`. */
  readonly path: string;
  /** What was expected and found. */
  readonly reason: string;
}

/**
 * Decodes a seal event by the version it declares: data with a `version` key is read only as
 * that version, never as another that happens to fit, so one event has one meaning.
 */
export const decodeSeal = (event: Pick<RecordedEvent, "type" | "data">): E.Either<SealDecodeFailure, DecodedSeal> => {
  const declared = event.data["version"];
  if (declared === undefined) {
    const v1 = SealRecordedV1.decode({ type: event.type, data: event.data });
    return E.isLeft(v1) ? E.left(describeValidationErrors(v1.left)) : E.right({ version: 1, data: v1.right.data });
  }
  if (declared !== 2) return E.left({ path: "data.version", reason: `no seal version ${JSON.stringify(declared)} (known: 2; version 1 has no version key)` });
  const v2 = SealRecordedV2.decode({ type: event.type, data: event.data });
  return E.isLeft(v2) ? E.left(describeValidationErrors(v2.left)) : E.right({ version: 2, data: v2.right.data });
};
