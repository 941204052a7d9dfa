import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { describeValidationErrors, recordedEventDecodeFailure, type DecodeFailure } from "../events/decodeEvent.js";
import { EventMetadata } from "../events/eventMetadata.js";
import { recordedEventDecodeFailureWith, type EventCodecs } from "../events/eventDefinitions.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { isRecordedTime } from "../store/recordedTime.js";
import { decodeSeal, type DecodedSeal } from "./decodeSeal.js";
import { computeEventHash } from "./eventHash.js";
import type { HistoryBreak } from "./historyBreak.js";
import { logLeafHashBinary } from "./logLeaf.js";
import type { SealRecordedV2 } from "./sealRecorded.js";
import { checkTreeHeadSignature, keyIdOf } from "./sealSignature.js";
import { SEAL_STREAM } from "./streamHeads.js";
import { HeadsAt, LogAt, SEAL_LAG_LIMIT, V1_SEAL_LAG_LIMIT, type Tail } from "./verifierViews.js";

/** A root an auditor kept outside the store (an annual report, a letter), to check against. */
export interface ExpectedRoot {
  /** The global position the root was taken at, as a seal printed it. */
  readonly position: bigint;
  /** The Merkle root, lower-case hex. */
  readonly root: string;
}

/** How to verify. */
export interface VerifyHistoryOptions {
  /** Roots kept outside the store, each checked at its position (docs/audit.md §4). */
  readonly expectedRoots?: readonly ExpectedRoot[];
  /**
   * Public keys of the sealers you trust. When given, at least one seal must carry a valid
   * signature by one of them, and a seal signed by any other key is a break; an unsigned seal
   * vouches for nothing and is reported as such. Without keys, a signature a seal carries is
   * still checked.
   */
  readonly trustedKeys?: readonly KeyObject[];
  /**
   * The event types of one's own that the history holds (a stream type's `events`, or several
   * merged), each with its data codec: their events are decoded by these, the others by the
   * catalogue's. Hash chain and content hash are checked alike for every event; an event whose
   * type is neither the catalogue's nor here is an `undecodable` break (`unknown event type`),
   * never passed over.
   */
  readonly codecs?: EventCodecs;
}

/** A seal that verified, and what it guarantees. */
export interface VerifiedSeal {
  /** The seal format: 2 fixes content, order, time and presence of every event it covers; 1 only each stream's last event. */
  readonly version: 1 | 2;
  /** Its revision in stream `seal`. */
  readonly revision: bigint;
  /** The global position of the seal event itself. */
  readonly position: bigint;
  /** The position it covers, as it records it (the store it was made in). */
  readonly covers: bigint;
  /** How many events it covers (version 2). */
  readonly treeSize: number | undefined;
  /** Its root. */
  readonly root: string;
  /** Who gave the seal (its metadata's actor). */
  readonly actor: string;
  /** The id of the key that signed it (docs/audit.md §3), if signed; `trusted` when it is one of the keys given. */
  readonly signedBy: SealSigner | undefined;
}

/** Who signed a seal. */
export interface SealSigner {
  /** SHA-256, lower-case hex, of the signer's public key (DER SubjectPublicKeyInfo). */
  readonly keyId: string;
  /** Whether it is one of the keys the verifier was told to trust. */
  readonly trusted: boolean;
}

/** The log's root over a number of events. */
export interface LogRoot {
  /** How many events (leaves). */
  readonly treeSize: number;
  /** The Merkle root over them, lower-case hex. */
  readonly root: string;
}

/** What {@link verifyHistory} checked, when nothing broke. */
export interface VerifiedHistory {
  /** How many events were read and verified. */
  readonly events: number;
  /** How many streams they are in. */
  readonly streams: number;
  /** How many seals verified. */
  readonly seals: number;
  /** Each seal that verified, in order. */
  readonly verifiedSeals: readonly VerifiedSeal[];
  /** How many kept roots verified. */
  readonly keptRoots: number;
  /** The global position of the last event; `undefined` for an empty history. */
  readonly lastPosition: bigint | undefined;
  /** The log's root over every event read (what a seal now would record), and its size. */
  readonly log: LogRoot;
  /** Events after the last version-2 seal's tree size: fixed by no seal (all of them when there is none). */
  readonly unsealed: number;
}

export { SEAL_LAG_LIMIT, V1_SEAL_LAG_LIMIT } from "./verifierViews.js";

/** The content hash, or `undefined` for content with no canonical JSON form. */
const hashOrUndefined = (event: RecordedEvent): string | undefined => {
  try {
    return computeEventHash(event);
  } catch {
    return undefined;
  }
};

type Where = Pick<HistoryBreak, "streamName" | "revision" | "position">;
// Picks the three fields, so that an event itself can say where (no object made per event read).
const breakAt = (where: Where, kind: HistoryBreak["kind"], expected: string, found: string): HistoryBreak => ({
  _tag: "HistoryBreak",
  kind,
  streamName: where.streamName,
  revision: where.revision,
  position: where.position,
  expected,
  found,
});

/**
 * The verifier of {@link verifyHistory}, an event at a time: a reader that holds events in
 * batches (a chunk of a file, a page of a store) gives them to {@link HistoryVerifier.check}
 * in global order, in a plain loop, with no promise or iterator step per event, and asks
 * {@link HistoryVerifier.finish} at the end. The checks and their order are `verifyHistory`'s.
 */
export class HistoryVerifier {
  readonly #trusted: ReadonlySet<string>;
  readonly #demandSignature: boolean;
  readonly #kept: readonly ExpectedRoot[];
  readonly #pendingKept: (ExpectedRoot & { readonly computed: string })[] = [];
  #keptVerified = 0;
  #nextKept = 0;
  readonly #log = new LogAt();
  readonly #tails = new Map<string, Tail>();
  readonly #heads = new HeadsAt(this.#tails);
  readonly #verifiedSeals: VerifiedSeal[] = [];
  #lastSealedSize: number | undefined;
  #lastPosition: bigint | undefined;
  readonly #decodeFailure: (event: RecordedEvent, hashesChecked: boolean) => DecodeFailure | undefined;

  /** A verifier that has read nothing yet. */
  constructor(options: VerifyHistoryOptions = {}) {
    this.#decodeFailure = options.codecs === undefined ? recordedEventDecodeFailure : recordedEventDecodeFailureWith(options.codecs);
    this.#trusted = new Set((options.trustedKeys ?? []).map(keyIdOf));
    this.#demandSignature = this.#trusted.size > 0;
    this.#kept = [...(options.expectedRoots ?? [])].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  /**
   * Checks the next event of the history and takes it in: the first break it makes, or
   * `undefined`. After a break the verifier has nothing more to say; it is not to be given more.
   *
   * @param contentHash - the event's content hash (docs/audit.md §1), exactly as
   *   `computeEventHash` gives it, when the reader has it already (the CLI has it from the
   *   line's canonical form); otherwise computed here. It is trusted as that hash.
   */
  check(event: RecordedEvent, contentHash?: string): HistoryBreak | undefined {
    this.#checkKeptBefore(event.position);
    const lastPosition = this.#lastPosition;
    if (lastPosition !== undefined && event.position <= lastPosition) return breakAt(event, "position-order", `above ${lastPosition}`, String(event.position));
    const tail = this.#tails.get(event.streamName);
    const expectedRevision = tail === undefined ? 0n : tail.revision + 1n;
    if (event.revision !== expectedRevision) return breakAt(event, "revision-gap", String(expectedRevision), String(event.revision));
    // The leaf commits to the time as written: only the one form every store reads back is one.
    if (!isRecordedTime(event.recordedAt)) return breakAt(event, "undecodable", "recordedAt YYYY-MM-DDTHH:MM:SS.sssZ (a UTC instant)", JSON.stringify(event.recordedAt));
    const prevHash = tail?.hash ?? null;
    const foundPrev = event.metadata["prevHash"];
    const hash = contentHash ?? hashOrUndefined(event);
    let seal: DecodedSeal | undefined;
    if (event.streamName === SEAL_STREAM) {
      const decoded = decodeSeal(event);
      const metadata = EventMetadata.decode(event.metadata);
      const failed = E.isLeft(decoded) ? decoded.left : E.isLeft(metadata) ? describeValidationErrors(metadata.left) : undefined;
      if (failed !== undefined) return breakAt(event, "undecodable", `a valid ${event.type}`, `${failed.path}: ${failed.reason}`);
      seal = (decoded as E.Right<DecodedSeal>).right;
    } else {
      // Both hashes equal to hashes computed here are hashes: the codec need not look at them again.
      const hashesChecked = hash !== undefined && hash === event.metadata["hash"] && foundPrev === prevHash;
      const failure = this.#decodeFailure(event, hashesChecked);
      if (failure !== undefined) return breakAt(event, "undecodable", `a valid ${event.type}`, `${failure.path}: ${failure.reason}`);
    }
    if (foundPrev !== prevHash) return breakAt(event, "chain-link", String(prevHash), String(foundPrev));
    if (hash === undefined) return breakAt(event, "content-hash", "content with a JSON form", "a text RFC 8785 cannot write (a lone surrogate)");
    if (hash !== event.metadata["hash"]) return breakAt(event, "content-hash", hash, String(event.metadata["hash"]));
    if (seal !== undefined) {
      const checked = this.#checkSeal(event, seal);
      if ("_tag" in checked) return checked;
      this.#verifiedSeals.push(checked);
    }
    this.#heads.add(event, tail);
    this.#tails.set(event.streamName, { revision: event.revision, hash });
    const log = this.#log;
    log.add(logLeafHashBinary({ index: log.size, recordedAt: event.recordedAt, eventHash: hash }), event, hash);
    this.#lastPosition = event.position;
    return undefined;
  }

  /** The checks that wait for the end (kept roots, a demanded signature), and what was verified. */
  finish(): E.Either<HistoryBreak, VerifiedHistory> {
    this.#checkKeptBefore(undefined);
    const unmatched = this.#pendingKept[0];
    if (unmatched !== undefined) {
      return E.left(breakAt({ streamName: "(kept root)", revision: undefined, position: unmatched.position }, "expected-root", unmatched.computed, unmatched.root));
    }
    if (this.#demandSignature && !this.#verifiedSeals.some((seal) => seal.signedBy?.trusted === true)) {
      // Removing every seal (or re-sealing without the key) must not pass where signatures are demanded.
      return E.left(breakAt({ streamName: SEAL_STREAM, revision: undefined, position: undefined }, "seal-signature", "at least one seal signed by a trusted key", "no signed seal"));
    }
    const log = this.#log;
    const size = log.size;
    return E.right({
      events: size,
      streams: this.#tails.size,
      seals: this.#verifiedSeals.length,
      verifiedSeals: this.#verifiedSeals,
      keptRoots: this.#keptVerified,
      lastPosition: this.#lastPosition,
      log: { treeSize: size, root: log.frontierAt(size).root().toString("hex") },
      unsealed: size - (this.#lastSealedSize ?? 0),
    });
  }

  // A kept root is the log's root (or, for a version-1 root, the heads' root) at its position.
  // One that matches neither may name a position of the store it was sealed in, before the
  // history was moved to a store that numbers positions its own way: a version-2 seal that
  // records that root at that position and verifies settles it.
  #checkKeptBefore(position: bigint | undefined): void {
    const kept = this.#kept;
    for (; this.#nextKept < kept.length; this.#nextKept++) {
      const root = kept[this.#nextKept] as ExpectedRoot;
      if (position !== undefined && root.position >= position) return;
      const computed = this.#log.frontierAt(this.#log.size).root().toString("hex");
      if (computed === root.root || this.#heads.rootAt(root.position) === root.root) this.#keptVerified += 1;
      else this.#pendingKept.push({ ...root, computed });
    }
  }

  #checkSeal(event: RecordedEvent, seal: DecodedSeal): HistoryBreak | VerifiedSeal {
    const actor = String(event.metadata["actor"]);
    if (seal.version === 2) return this.#checkSealV2(event, seal.data, actor);
    const at = BigInt(seal.data.position);
    if (at >= event.position) return breakAt(event, "seal-order", `a position before the seal's own (${event.position})`, String(at));
    const root = this.#heads.rootAt(at);
    if (root === undefined) return breakAt(event, "seal-order", `a position at most ${V1_SEAL_LAG_LIMIT} events behind the seal`, String(at));
    if (root !== seal.data.root) return breakAt(event, "seal-root", root, seal.data.root);
    return { version: 1, revision: event.revision, position: event.position, covers: at, treeSize: undefined, root, actor, signedBy: undefined };
  }

  #checkSealV2(where: Where, data: SealRecordedV2["data"], actor: string): HistoryBreak | VerifiedSeal {
    const log = this.#log;
    const size = data.treeSize;
    const here = log.size;
    // More events sealed than precede the seal: some were removed (or the seal moved before them).
    if (size > here) return breakAt(where, "seal-root", `the ${size} events the seal covers before it`, `${here} events before it`);
    if (size < log.base.size) {
      return breakAt(where, "seal-order", `a tree size of at least ${log.base.size} (an earlier seal's, or ${SEAL_LAG_LIMIT} events behind the seal)`, String(size));
    }
    const frontier = log.frontierAt(size);
    const root = frontier.root().toString("hex");
    if (root !== data.root) return breakAt(where, "seal-root", root, data.root);
    const hashes = frontier.hashes.map((hash) => hash.toString("hex"));
    if (hashes.join() !== data.frontier.join()) return breakAt(where, "seal-root", `frontier ${hashes.join(",") || "(none)"}`, `frontier ${data.frontier.join(",") || "(none)"}`);
    const last = size === 0 ? null : log.sealedEventAt(size - 1);
    const named = (e: typeof last | SealRecordedV2["data"]["last"]) => (e === null ? "none" : `${e.streamName}@${e.revision} (hash ${e.eventHash})`);
    if (named(last) !== named(data.last)) return breakAt(where, "seal-root", `last event ${named(last)}`, `last event ${named(data.last)}`);
    let signedBy: VerifiedSeal["signedBy"];
    if (data.signature !== undefined) {
      const head = { treeSize: size, root: data.root, sealedAt: data.sealedAt };
      if (!checkTreeHeadSignature(head, data.signature)) return breakAt(where, "seal-signature", `a valid Ed25519 signature by key ${data.signature.keyId}`, "a signature that does not verify");
      signedBy = { keyId: data.signature.keyId, trusted: this.#trusted.has(data.signature.keyId) };
    }
    if (this.#demandSignature && signedBy !== undefined && !signedBy.trusted) return breakAt(where, "seal-signature", `a signature by one of the keys ${[...this.#trusted].join(", ")}`, `key ${signedBy.keyId}`);
    log.advanceTo(size, frontier);
    this.#lastSealedSize = size;
    const pendingKept = this.#pendingKept;
    for (let i = pendingKept.length - 1; i >= 0; i--) {
      const pending = pendingKept[i] as ExpectedRoot & { readonly computed: string };
      if (pending.root === data.root && pending.position === BigInt(data.position)) {
        pendingKept.splice(i, 1);
        this.#keptVerified += 1;
      }
    }
    return { version: 2, revision: where.revision ?? 0n, position: where.position ?? 0n, covers: BigInt(data.position), treeSize: size, root: data.root, actor, signedBy };
  }
}

/**
 * Verifies a whole history read in global order, in one pass (docs/audit.md §4): every event
 * decodes, revisions run 0, 1, 2 … in each stream, every `prevHash` is the previous event's
 * `hash`, every `hash` is the hash of the content; every seal is checked where it is read
 * against the events before it — a version-2 seal by its Merkle log over the global order
 * (content, order, recorded time, presence), its frontier, last event and signature; a
 * version-1 seal by the stream heads at its position — and every root kept outside at its
 * position. Stops at the first break. Memory: one entry per stream, plus 64 bytes per event
 * read since the last seal. {@link HistoryVerifier} is the same, an event at a time.
 */
export const verifyHistory = async (
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: VerifyHistoryOptions = {},
): Promise<E.Either<HistoryBreak, VerifiedHistory>> => {
  const verifier = new HistoryVerifier(options);
  if (Symbol.iterator in events) {
    for (const event of events) {
      const failed = verifier.check(event);
      if (failed !== undefined) return E.left(failed);
    }
  } else {
    for await (const event of events) {
      const failed = verifier.check(event);
      if (failed !== undefined) return E.left(failed);
    }
  }
  return verifier.finish();
};
