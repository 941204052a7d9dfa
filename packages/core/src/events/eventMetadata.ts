import * as t from "io-ts";
import { Sha256Hex } from "../values/sha256Hex.js";
import { NonEmptyText } from "../values/text.js";


/**
 * Metadata on every event the command handler writes. `prevHash` and `hash` make each stream a
 * hash chain (see docs/audit.md); other keys a caller adds are kept and hashed too.
 */
export const EventMetadata = t.type({
  /** The command that produced the event; event ids derive from it. */
  commandId: NonEmptyText,
  /** The business process the command belongs to (defaults to the command id). */
  correlationId: NonEmptyText,
  /** What caused the command: an event id or another command id (defaults to the command id). */
  causationId: NonEmptyText,
  /** Who gave the command: a user or a system. */
  actor: NonEmptyText,
  /** The version of the event's shape it was written in: its type's current version then (see `EVENT_VERSIONS`). */
  schemaVersion: t.number,
  /** The hash of the previous event in the same stream; `null` at revision 0. */
  prevHash: t.union([Sha256Hex, t.null]),
  /** SHA-256 of this event's canonical form, lower-case hex. */
  hash: Sha256Hex,
});
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/** The first version of every event type's shape, and the version of a seal; `EVENT_VERSIONS` has each type's current one. */
export const SCHEMA_VERSION = 1;
