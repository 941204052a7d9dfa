import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describeValidationErrors } from "../events/decodeEvent.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";
import { IsoDateTime } from "../values/isoTime.js";
import { Sha256Hex } from "../values/sha256Hex.js";
import { computeEventHash } from "./eventHash.js";
import { logLeafHash } from "./logLeaf.js";
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from "./merkleLog.js";
import { SealSignature } from "./sealRecorded.js";
import type { ExpectedRoot } from "./verifyHistory.js";
import { checkTreeHeadSignature, keyIdOf } from "./sealSignature.js";

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, "Count");

/** A seal as a proof names it: its signed tree head, the position it covers, its signature if any. */
export const ProofSeal = t.intersection([
  t.type({
    /** How many leaves the seal covers. */
    treeSize: Count,
    /** Its Merkle root, lower-case hex. */
    root: Sha256Hex,
    /** The global position it covers, in the store that sealed. */
    position: Count,
    /** When it was made. */
    sealedAt: IsoDateTime,
  }),
  t.partial({
    /** The seal's signature over its signed tree head, if it was signed. */
    signature: SealSignature,
  }),
]);
export type ProofSeal = t.TypeOf<typeof ProofSeal>;

/** The event an inclusion proof is for, with its content so that the proof shows what it says. */
const ProvedEvent = t.type({
  /** Its stream. */
  streamName: t.string,
  /** Its revision in the stream. */
  revision: Count,
  /** Its id. */
  id: t.string,
  /** Its type. */
  type: t.string,
  /** Its data, as stored. */
  data: t.UnknownRecord,
  /** Its metadata, `hash` included. */
  metadata: t.UnknownRecord,
});

/** An RFC 9162 inclusion proof of one event in a seal's tree (docs/audit.md §6). */
export const InclusionProofFile = t.type({
  /** Always `"grantledger-inclusion-proof"`. */
  proof: t.literal("grantledger-inclusion-proof"),
  /** The log format: 2. */
  version: t.literal(2),
  /** The seal whose tree holds the event. */
  seal: ProofSeal,
  /** The leaf: the event's place, recorded time and hash. */
  leaf: t.type({
    /** The event's place in the global order, from 0. */
    index: Count,
    /** Its recorded time, as the store reads it back. */
    recordedAt: t.string,
    /** Its event hash. */
    eventHash: Sha256Hex,
  }),
  /** The event itself: its hash must be `leaf.eventHash`. */
  event: ProvedEvent,
  /** The audit path, lower-case hex, from the leaf up. */
  path: t.array(Sha256Hex),
});
export type InclusionProofFile = t.TypeOf<typeof InclusionProofFile>;

/** An RFC 9162 consistency proof that a later seal's tree extends an earlier one (docs/audit.md §6). */
export const ConsistencyProofFile = t.type({
  /** Always `"grantledger-consistency-proof"`. */
  proof: t.literal("grantledger-consistency-proof"),
  /** The log format: 2. */
  version: t.literal(2),
  /** The earlier seal. */
  from: ProofSeal,
  /** The later seal. */
  to: ProofSeal,
  /** The consistency path, lower-case hex. */
  path: t.array(Sha256Hex),
});
export type ConsistencyProofFile = t.TypeOf<typeof ConsistencyProofFile>;

/** Either kind of proof file. */
export type ProofFile = InclusionProofFile | ConsistencyProofFile;

const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map((hash) => Buffer.from(hash).toString("hex"));

/** Builds the inclusion proof of leaf `leaf.index` in `seal`'s tree, from the first `seal.treeSize` leaf hashes. */
export const buildInclusionProof = (
  leafHashes: readonly Uint8Array[],
  seal: ProofSeal,
  leaf: InclusionProofFile["leaf"],
  event: InclusionProofFile["event"],
): InclusionProofFile => ({
  proof: "grantledger-inclusion-proof",
  version: 2,
  seal,
  leaf,
  event,
  path: hex(inclusionProof(leafHashes, leaf.index, seal.treeSize)),
});

/**
 * Builds the inclusion proof of a recorded event, the event at `index` of the global order (from
 * 0), in `seal`'s tree: {@link buildInclusionProof} with the leaf (`index`, its recorded time, its
 * `metadata.hash`) and the proved event (its stream, revision as a number, id, type, data and
 * metadata) taken from the event, as `grantledger prove --event` writes them.
 */
export const buildEventInclusionProof = (leafHashes: readonly Uint8Array[], seal: ProofSeal, event: RecordedEvent, index: number): InclusionProofFile =>
  buildInclusionProof(
    leafHashes,
    seal,
    { index, recordedAt: event.recordedAt, eventHash: String(event.metadata["hash"]) },
    { streamName: event.streamName, revision: Number(event.revision), id: event.id, type: event.type, data: event.data, metadata: event.metadata },
  );

/** Builds the consistency proof from seal `from` to seal `to`, from the first `to.treeSize` leaf hashes. */
export const buildConsistencyProof = (leafHashes: readonly Uint8Array[], from: ProofSeal, to: ProofSeal): ConsistencyProofFile => ({
  proof: "grantledger-consistency-proof",
  version: 2,
  from,
  to,
  path: from.treeSize === 0 ? [] : hex(consistencyProof(leafHashes, from.treeSize, to.treeSize)),
});

/** What a proof is checked against: roots kept outside the store, or keys of trusted sealers. */
export interface ProofTrust {
  /** Roots the auditor kept, as `{ root, position }` (the seal's printed root and position). */
  readonly roots?: readonly ExpectedRoot[];
  /** Public keys of trusted sealers: a seal signed by one of them is trusted. */
  readonly keys?: readonly KeyObject[];
}

/** Why a proof does not hold. */
export interface ProofFailure {
  /** Always `"ProofFailure"`. */
  readonly _tag: "ProofFailure";
  /** What failed, in a sentence. */
  readonly reason: string;
}

/** How a seal a proof names came to be trusted. */
export type SealTrust = TrustedByRoot | TrustedByKey;

/** The seal's root is one the auditor kept. */
export interface TrustedByRoot {
  /** Always `"root"`. */
  readonly by: "root";
}

/** The seal carries a valid signature by a key the auditor trusts. */
export interface TrustedByKey {
  /** Always `"key"`. */
  readonly by: "key";
  /** That key's id. */
  readonly keyId: string;
}

/** A proof that holds, and what it proves. */
export interface ProofChecked {
  /** Which kind of proof. */
  readonly kind: "inclusion" | "consistency";
  /** In one sentence. */
  readonly summary: string;
  /** For each seal the proof names (one, or from and to), how it is trusted. */
  readonly trust: readonly SealTrust[];
}

const fail = (reason: string): E.Either<ProofFailure, never> => E.left({ _tag: "ProofFailure", reason });

/** Whether `seal` is anchored by a kept root or a trusted key; a bad signature is a failure. */
const trustOf = (seal: ProofSeal, trust: ProofTrust, which: string): E.Either<ProofFailure, SealTrust> => {
  const label = which === "" ? "seal" : `${which} seal`;
  if (seal.signature !== undefined && !checkTreeHeadSignature(seal, seal.signature)) return fail(`the ${label}'s signature does not verify`);
  const keptAt = trust.roots?.filter((kept) => kept.position === BigInt(seal.position)) ?? [];
  if (keptAt.some((kept) => kept.root === seal.root)) return E.right({ by: "root" });
  if (keptAt.length > 0) return fail(`the ${label}'s root ${seal.root} at position ${seal.position} is not the kept root ${keptAt[0]?.root}`);
  const keyIds = new Set((trust.keys ?? []).map(keyIdOf));
  if (seal.signature !== undefined && keyIds.has(seal.signature.keyId)) return E.right({ by: "key", keyId: seal.signature.keyId });
  if (keyIds.size > 0 && seal.signature !== undefined) return fail(`the ${label} is signed by key ${seal.signature.keyId}, not by a trusted key`);
  return fail(`nothing vouches for the ${label} (root ${seal.root} at position ${seal.position}): give its kept root or the sealer's public key`);
};

/**
 * Checks an inclusion proof with nothing but the proof and what the auditor trusts: the event
 * hashes to its leaf's event hash, the leaf and path give the seal's root (RFC 9162 §2.1.3.2),
 * and the seal is a root the auditor kept or is signed by a trusted key.
 */
export const checkInclusionProof = (proof: InclusionProofFile, trust: ProofTrust): E.Either<ProofFailure, ProofChecked> => {
  const { seal, leaf, event } = proof;
  const content = { ...event, revision: BigInt(event.revision), data: event.data as JsonObject, metadata: event.metadata as JsonObject };
  let contentHash: string;
  try {
    contentHash = computeEventHash(content);
  } catch {
    return fail("the event has no canonical JSON form");
  }
  if (contentHash !== leaf.eventHash) return fail(`the event hashes to ${contentHash}, not the leaf's event hash ${leaf.eventHash}`);
  if (event.metadata["hash"] !== leaf.eventHash) return fail("the event's metadata.hash is not the leaf's event hash");
  if (!verifyInclusion(logLeafHash(leaf), leaf.index, seal.treeSize, proof.path.map((h) => Buffer.from(h, "hex")), Buffer.from(seal.root, "hex"))) {
    return fail(`leaf ${leaf.index} and the path do not give the root ${seal.root} of a tree of ${seal.treeSize}`);
  }
  const trusted = trustOf(seal, trust, "");
  if (E.isLeft(trusted)) return trusted;
  return E.right({
    kind: "inclusion",
    summary: `${event.streamName}@${event.revision} (${event.type}, recorded ${leaf.recordedAt}) is event ${leaf.index} of the ${seal.treeSize} sealed by root ${seal.root} (position ${seal.position})`,
    trust: [trusted.right],
  });
};

/**
 * Checks a consistency proof: the later tree extends the earlier one, nothing before it changed,
 * removed or reordered (RFC 9162 §2.1.4.2); and both seals are vouched for, each by a kept root or
 * a trusted key (a tree extending one nobody vouches for proves nothing).
 */
export const checkConsistencyProof = (proof: ConsistencyProofFile, trust: ProofTrust): E.Either<ProofFailure, ProofChecked> => {
  const { from, to } = proof;
  if (from.treeSize > to.treeSize) return fail(`the earlier seal covers ${from.treeSize} events, more than the later's ${to.treeSize}`);
  const path = proof.path.map((h) => Buffer.from(h, "hex"));
  if (!verifyConsistency(from.treeSize, to.treeSize, Buffer.from(from.root, "hex"), Buffer.from(to.root, "hex"), path)) {
    return fail(`the path does not show the tree of ${to.treeSize} (root ${to.root}) extending the tree of ${from.treeSize} (root ${from.root})`);
  }
  const later = trustOf(to, trust, "later");
  if (E.isLeft(later)) return later;
  const earlier = trustOf(from, trust, "earlier");
  if (E.isLeft(earlier)) return earlier;
  return E.right({
    kind: "consistency",
    summary: `the ${to.treeSize} events sealed by ${to.root} (position ${to.position}) begin with the ${from.treeSize} sealed by ${from.root} (position ${from.position}), unchanged`,
    trust: [earlier.right, later.right],
  });
};

/** Decodes a proof file's JSON, by its `proof` field. */
export const decodeProofFile = (json: unknown): E.Either<ProofFailure, ProofFile> => {
  const kind = typeof json === "object" && json !== null ? (json as { proof?: unknown }).proof : undefined;
  const codec = kind === "grantledger-consistency-proof" ? ConsistencyProofFile : kind === "grantledger-inclusion-proof" ? InclusionProofFile : undefined;
  if (codec === undefined) return fail(`not a grantledger proof (its "proof" is ${JSON.stringify(kind)})`);
  const decoded = codec.decode(json) as t.Validation<ProofFile>;
  if (E.isLeft(decoded)) {
    const { path, reason } = describeValidationErrors(decoded.left);
    return fail(`not a valid ${kind}: ${path === "" ? "" : `${path}: `}${reason}`);
  }
  return E.right(decoded.right);
};
