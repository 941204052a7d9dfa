import { hash } from "node:crypto";

/** What one leaf of the log commits to (docs/audit.md §2). */
export interface LogLeaf {
  /** The event's place in the global order: 0 for the first event ever recorded, then 1, 2 … */
  readonly index: number;
  /** The time the store recorded the event, as it reads it back (`RecordedEvent.recordedAt`). */
  readonly recordedAt: string;
  /** The event's own hash (`metadata.hash`), which covers its stream, revision, id, type, data and metadata. */
  readonly eventHash: string;
}

/**
 * The leaf bytes: the UTF-8 RFC 8785 canonical JSON `{"eventHash":…,"index":…,"recordedAt":…}`.
 * The three values never need escaping (hex, digits, a time), so they are written directly;
 * `JSON.stringify` of a string is its RFC 8785 form for any string without lone surrogates.
 */
export const logLeafBytes = (leaf: LogLeaf): Buffer =>
  Buffer.from(`{"eventHash":${JSON.stringify(leaf.eventHash)},"index":${leaf.index},"recordedAt":${JSON.stringify(leaf.recordedAt)}}`, "utf8");

/**
 * {@link logLeafHash} as a "binary" (latin1) string, a character a byte: a verifier writes it
 * straight into the bytes it keeps, with no Buffer made per event.
 */
export const logLeafHashBinary = (leaf: LogLeaf): string =>
  hash("sha256", `\u0000{"eventHash":${JSON.stringify(leaf.eventHash)},"index":${leaf.index},"recordedAt":${JSON.stringify(leaf.recordedAt)}}`, "binary");

/**
 * The leaf's hash in the tree: SHA-256(0x00 ‖ leaf bytes), RFC 9162 §2.1.1. Hashed as one string
 * whose first character is U+0000 (UTF-8: the byte 0x00), so that no buffer is built per leaf;
 * a test checks it against `hashLeaf(logLeafBytes(leaf))`.
 */
export const logLeafHash = (leaf: LogLeaf): Buffer => Buffer.from(logLeafHashBinary(leaf), "binary");
