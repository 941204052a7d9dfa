import * as t from "io-ts";
import { Sha256Hex } from "../values/sha256Hex.js";
import { IsoDateTime } from "../values/isoTime.js";
import { NonEmptyText } from "../values/text.js";

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, "Count");
const Base64 = t.refinement(t.string, (s) => s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s), "Base64");

/**
 * A version-1 seal (docs/audit.md §5): the Merkle root over every stream's head at a global
 * position. Still read and checked, never written: it does not fix global order, recorded
 * times, or the seal stream itself.
 */
export const SealRecordedV1 = t.type({
  /** Always `"SealRecorded"`. */
  type: t.literal("SealRecorded"),
  /** What the seal covers. */
  data: t.type({
    /** The global position the seal covers: every event at or before it. */
    position: Count,
    /** The Merkle root over the stream heads at `position`, lower-case hex. */
    root: Sha256Hex,
    /** How many streams (leaves) the root covers. */
    streams: Count,
    /** When the seal was made. */
    sealedAt: IsoDateTime,
  }),
});
export type SealRecordedV1 = t.TypeOf<typeof SealRecordedV1>;

/** An Ed25519 signature over a seal's signed tree head (docs/audit.md §3). */
export const SealSignature = t.type({
  /** Always `"ed25519"` (RFC 8032, pure Ed25519). */
  algorithm: t.literal("ed25519"),
  /** SHA-256, lower-case hex, of the signer's public key in DER SubjectPublicKeyInfo form. */
  keyId: Sha256Hex,
  /** The signer's public key, DER SubjectPublicKeyInfo, base64. */
  publicKey: Base64,
  /** The 64-byte signature, base64. */
  value: Base64,
});
export type SealSignature = t.TypeOf<typeof SealSignature>;

/** The last event a seal covers, named so that any store can find it whatever its positions. */
export const SealedEvent = t.type({
  /** Its stream. */
  streamName: NonEmptyText,
  /** Its revision in that stream. */
  revision: Count,
  /** Its event hash (`metadata.hash`). */
  eventHash: Sha256Hex,
});
export type SealedEvent = t.TypeOf<typeof SealedEvent>;

/**
 * A version-2 seal (docs/audit.md §3): the RFC 9162 Merkle root over the first `treeSize`
 * events of the global order, each a leaf committing to its index, recorded time and hash.
 */
export const SealRecordedV2 = t.type({
  /** Always `"SealRecorded"`. */
  type: t.literal("SealRecorded"),
  /** What the seal covers. */
  data: t.intersection([
    t.type({
      /** Always 2. */
      version: t.literal(2),
      /** How many events (leaves) the seal covers: the first `treeSize` of the global order. */
      treeSize: Count,
      /** The global position of the last covered event in the store that sealed (0 for none). */
      position: Count,
      /** The last covered event, or `null` for an empty tree. */
      last: t.union([SealedEvent, t.null]),
      /** The Merkle Tree Hash over the leaves, lower-case hex. */
      root: Sha256Hex,
      /** The roots of the perfect subtrees that make up the tree, left to right: what the next seal extends. */
      frontier: t.array(Sha256Hex),
      /** When the seal was made. */
      sealedAt: IsoDateTime,
    }),
    t.partial({
      /** The signature over the signed tree head, when the sealer holds a key. */
      signature: SealSignature,
    }),
  ]),
});
export type SealRecordedV2 = t.TypeOf<typeof SealRecordedV2>;

/** Any seal a history may hold: version 2 (written today) or version 1 (read and checked). */
export const SealRecorded = t.union([SealRecordedV2, SealRecordedV1]);
export type SealRecorded = t.TypeOf<typeof SealRecorded>;
