import * as E from "fp-ts/lib/Either.js";
import type { RecordedEvent } from "../../store/recordedEvent.js";
import { describeValidationErrors } from "../decodeEvent.js";
import { currentVersion, type EventVersioning } from "./eventVersioning.js";

/** Why a stored event could not be brought to its type's current version. */
export interface UpcastFailure {
  /** `metadata.schemaVersion` for a version the reader does not know; else the failing path in the data, e.g. `event.data.disbursedAt`. */
  readonly path: string;
  /** What is wrong, e.g. `version 3 of GrantDisbursed is newer than this reader knows (its current version is 2)`. */
  readonly reason: string;
  /** The version the event was stored at. */
  readonly schemaVersion: number;
}

/** An event's type and data, in its type's current shape (not yet checked by that shape's codec). */
export interface CurrentShape {
  /** The event's type. */
  readonly type: string;
  /** Its data, as stored when stored at the current version, else as the upcasters made it. */
  readonly data: unknown;
  /** The version it was stored at, when the upcasters brought it from there; absent for an event stored at the current version. */
  readonly upcastFrom?: number;
}

/** The stored `metadata.schemaVersion`, when the metadata is an object that has a number there. */
const storedVersion = (metadata: unknown): number | undefined => {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const version = (metadata as Readonly<Record<string, unknown>>)["schemaVersion"];
  return typeof version === "number" ? version : undefined;
};

const versionsOf = (current: number): string => (current === 1 ? "its only version is 1" : `its versions are 1 to ${current}`);

/**
 * An upcast for the hot path of reading: the stored event itself (no copy) when it is at its
 * type's current version, or when its `schemaVersion` is no number (the metadata codec refuses
 * that after); else its data run through the upcasters, or the failure.
 */
export const upcastOrFail = (recorded: Pick<RecordedEvent, "type" | "data" | "metadata">, versioning: EventVersioning): CurrentShape | UpcastFailure => {
  const version = storedVersion(recorded.metadata);
  const { type } = recorded;
  const current = currentVersion(versioning, type);
  if (version === undefined || version === current) return recorded;
  if (!Number.isSafeInteger(version) || version < 1) {
    return { path: "metadata.schemaVersion", reason: `version ${version} is not a version of ${type}: ${versionsOf(current)}`, schemaVersion: version };
  }
  if (version > current) {
    return { path: "metadata.schemaVersion", reason: `version ${version} of ${type} is newer than this reader knows (its current version is ${current})`, schemaVersion: version };
  }
  const chain = versioning.upcasters.get(type) ?? [];
  let data: unknown = recorded.data;
  for (let from = version; from < current; from++) {
    const upcaster = chain[from - 1];
    // createEventVersioning admits no gap; a hand-made versioning might have one.
    if (upcaster === undefined) return { path: "metadata.schemaVersion", reason: `no upcaster reads version ${from} of ${type}`, schemaVersion: version };
    const next = upcaster.step(data);
    if (E.isLeft(next)) {
      const { path, reason } = describeValidationErrors(next.left);
      return { path: path === "" ? "event.data" : `event.data.${path}`, reason: `${reason} (read as version ${from} of ${type})`, schemaVersion: version };
    }
    data = next.right;
  }
  return { type, data, upcastFrom: version };
};

/** Whether what {@link upcastOrFail} gave is its failure. */
export const isUpcastFailure = (result: CurrentShape | UpcastFailure): result is UpcastFailure => "reason" in result;

/**
 * A stored event's type and data in its type's current shape, by the upcasters of `versioning`
 * (the built-in {@link EVENT_VERSIONING} unless told): the stored data itself when it is at the
 * current version. The stored event is never changed: its hash is always over what was stored.
 * A version newer than `versioning` knows, one that is no version (0, -1, 1.5), or stored data
 * that does not pass the codec of its own version is refused as an {@link UpcastFailure}.
 */
export const upcastStoredEvent = (recorded: Pick<RecordedEvent, "type" | "data" | "metadata">, versioning: EventVersioning): E.Either<UpcastFailure, CurrentShape> => {
  const result = upcastOrFail(recorded, versioning);
  return isUpcastFailure(result) ? E.left(result) : E.right(result);
};
