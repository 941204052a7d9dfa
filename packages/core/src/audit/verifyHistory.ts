import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, describeValidationErrors } from "../events/decodeEvent.js";
import { EventMetadata } from "../events/eventMetadata.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { isRecordedTime } from "../store/recordedTime.js";
import { decodeSeal, type DecodedSeal } from "./decodeSeal.js";
import { computeEventHash } from "./eventHash.js";
import type { HistoryBreak } from "./historyBreak.js";
import { LeafWindow } from "./leafWindow.js";
import { logLeafHashBinary } from "./logLeaf.js";
import { MerkleFrontier } from "./merkleLog.js";
import type { SealRecordedV2 } from "./sealRecorded.js";
import { checkTreeHeadSignature, keyIdOf } from "./sealSignature.js";
import { SEAL_STREAM, sealRoot, StreamHeads, type StreamHead } from "./streamHeads.js";

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
   * What a reader already computed for an event (the CLI does, while it checks a line's canonical
   * form, perhaps in worker threads); `undefined` or absent computes it here.
   */
  readonly precomputed?: (event: RecordedEvent) => PrecomputedChecks | undefined;
}

/** The per-event work of {@link verifyHistory} that needs no other event, done by a reader. */
export interface PrecomputedChecks {
  /** The content hash (§1); `undefined` for content with no canonical form. */
  readonly contentHash: string | undefined;
  /**
   * For an event not of stream `seal`: whether it passed its codec (`undefined`) or why not.
   * Seals are always decoded here.
   */
  readonly decodeFailure: DecodeFailure | undefined;
}

/** Where and why an event failed its codec. */
export interface DecodeFailure {
  /** The dotted path of the failing value. */
  readonly path: string;
  /** What was expected and found. */
  readonly reason: string;
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

/**
 * How far behind the events it covers a seal may be recorded and still be checked in one pass:
 * the leaves since the last checked seal are kept (64 bytes each) until a seal covers them.
 */
export const SEAL_LAG_LIMIT = 1_048_576;
/** The same for a version-1 seal, whose stream heads are rolled back from an undo log. */
export const V1_SEAL_LAG_LIMIT = 65_536;

/** The content hash, or `undefined` for content with no canonical JSON form. */
const hashOrUndefined = (event: RecordedEvent): string | undefined => {
  try {
    return computeEventHash(event);
  } catch {
    return undefined;
  }
};

const decodeFailureOf = (event: RecordedEvent): DecodeFailure | undefined => {
  const decoded = decodeRecordedEvent(event);
  return E.isLeft(decoded) ? { path: decoded.left.path, reason: decoded.left.reason } : undefined;
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

/** A stream's last event so far: its revision and hash. */
interface Tail {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * The version-1 view: each stream's head is its tail (kept anyway for the chain), and a ring of
 * the last {@link V1_SEAL_LAG_LIMIT} changes (position, stream, the tail it replaced) lets a
 * version-1 seal see the heads as they were at its position. Three array writes an event, no
 * object: most histories hold no version-1 seal, and pay only that.
 */
class HeadsAt {
  private readonly positions: bigint[] = new Array<bigint>(V1_SEAL_LAG_LIMIT);
  private readonly names: string[] = new Array<string>(V1_SEAL_LAG_LIMIT);
  private readonly previous: (Tail | undefined)[] = new Array<Tail | undefined>(V1_SEAL_LAG_LIMIT);
  private count = 0;

  constructor(private readonly tails: ReadonlyMap<string, Tail>) {}

  /** Notes that `event` replaced its stream's tail `before` (call before the tail is set). */
  add(event: RecordedEvent, before: Tail | undefined): void {
    if (event.streamName === SEAL_STREAM) return;
    const slot = this.count % V1_SEAL_LAG_LIMIT;
    this.positions[slot] = event.position;
    this.names[slot] = event.streamName;
    this.previous[slot] = before;
    this.count += 1;
  }

  /** The version-1 root at `position`, or `undefined` when it is too far back to know. */
  rootAt(position: bigint): string | undefined {
    const heads = new Map<string, Tail | undefined>();
    const oldest = Math.max(0, this.count - V1_SEAL_LAG_LIMIT);
    let i = this.count - 1;
    for (; i >= oldest; i--) {
      const slot = i % V1_SEAL_LAG_LIMIT;
      if ((this.positions[slot] as bigint) <= position) break;
      // Walking back, the earliest change after `position` leaves each stream as it was then.
      heads.set(this.names[slot] as string, this.previous[slot]);
    }
    if (i < oldest && oldest > 0) return undefined;
    const sorted: StreamHead[] = [];
    for (const [streamName, tail] of this.tails) {
      if (streamName === SEAL_STREAM) continue;
      const then = heads.has(streamName) ? heads.get(streamName) : tail;
      if (then !== undefined) sorted.push({ streamName, revision: then.revision, hash: then.hash });
    }
    return sealRoot(StreamHeads.sort(sorted));
  }
}

/** The version-2 view: the log checked up to the last seal, and the leaves read since. */
class LogAt {
  base = MerkleFrontier.empty();
  readonly window = new LeafWindow();

  get size(): number {
    return this.base.size + this.window.length;
  }

  add(leafHash: string, event: RecordedEvent, eventHash: string): void {
    this.window.push(leafHash, eventHash, event.streamName, Number(event.revision));
    if (this.window.length > SEAL_LAG_LIMIT) this.advanceTo(this.base.size + 1);
  }

  /** The tree of the first `size` leaves (base.size ≤ size ≤ this.size), without moving the base. */
  frontierAt(size: number): MerkleFrontier {
    const frontier = this.base.clone();
    for (let i = 0; frontier.size < size; i++) frontier.append(this.window.leafHash(i));
    return frontier;
  }

  /** Moves the base to `size`: leaves before it can no longer be sealed. */
  advanceTo(size: number, frontier = this.frontierAt(size)): void {
    this.window.dropFirst(size - this.base.size);
    this.base = frontier;
  }

  /** The leaf at `index` (base.size ≤ index < size) as a seal names its last event. */
  sealedEventAt(index: number): { readonly streamName: string; readonly revision: number; readonly eventHash: string } {
    return { ...this.window.eventAt(index - this.base.size), eventHash: this.window.eventHash(index - this.base.size) };
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
 * read since the last seal.
 */
export const verifyHistory = async (
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: VerifyHistoryOptions = {},
): Promise<E.Either<HistoryBreak, VerifiedHistory>> => {
  const trusted = new Set((options.trustedKeys ?? []).map(keyIdOf));
  const demandSignature = trusted.size > 0;
  const kept = [...(options.expectedRoots ?? [])].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const pendingKept: (ExpectedRoot & { readonly computed: string })[] = [];
  let keptVerified = 0;
  let nextKept = 0;

  const log = new LogAt();
  const tails = new Map<string, Tail>();
  const heads = new HeadsAt(tails);
  const verifiedSeals: VerifiedSeal[] = [];
  let lastSealedSize: number | undefined;
  let lastPosition: bigint | undefined;

  // A kept root is the log's root (or, for a version-1 root, the heads' root) at its position.
  // One that matches neither may name a position of the store it was sealed in, before the
  // history was moved to a store that numbers positions its own way: a version-2 seal that
  // records that root at that position and verifies settles it.
  const checkKeptBefore = (position: bigint | undefined): void => {
    for (; nextKept < kept.length; nextKept++) {
      const root = kept[nextKept] as ExpectedRoot;
      if (position !== undefined && root.position >= position) return;
      const computed = log.frontierAt(log.size).root().toString("hex");
      if (computed === root.root || heads.rootAt(root.position) === root.root) keptVerified += 1;
      else pendingKept.push({ ...root, computed });
    }
  };

  const checkSealV2 = (where: Where, data: SealRecordedV2["data"], actor: string): HistoryBreak | VerifiedSeal => {
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
      signedBy = { keyId: data.signature.keyId, trusted: trusted.has(data.signature.keyId) };
    }
    if (demandSignature && signedBy !== undefined && !signedBy.trusted) return breakAt(where, "seal-signature", `a signature by one of the keys ${[...trusted].join(", ")}`, `key ${signedBy.keyId}`);
    log.advanceTo(size, frontier);
    lastSealedSize = size;
    for (let i = pendingKept.length - 1; i >= 0; i--) {
      const pending = pendingKept[i] as ExpectedRoot & { readonly computed: string };
      if (pending.root === data.root && pending.position === BigInt(data.position)) {
        pendingKept.splice(i, 1);
        keptVerified += 1;
      }
    }
    return { version: 2, revision: where.revision ?? 0n, position: where.position ?? 0n, covers: BigInt(data.position), treeSize: size, root: data.root, actor, signedBy };
  };

  const checkSeal = (event: RecordedEvent, seal: DecodedSeal): HistoryBreak | VerifiedSeal => {
    const actor = String(event.metadata["actor"]);
    if (seal.version === 2) return checkSealV2(event, seal.data, actor);
    const at = BigInt(seal.data.position);
    if (at >= event.position) return breakAt(event, "seal-order", `a position before the seal's own (${event.position})`, String(at));
    const root = heads.rootAt(at);
    if (root === undefined) return breakAt(event, "seal-order", `a position at most ${V1_SEAL_LAG_LIMIT} events behind the seal`, String(at));
    if (root !== seal.data.root) return breakAt(event, "seal-root", root, seal.data.root);
    return { version: 1, revision: event.revision, position: event.position, covers: at, treeSize: undefined, root, actor, signedBy: undefined };
  };

  for await (const event of events) {
    const pre = options.precomputed?.(event);
    checkKeptBefore(event.position);
    if (lastPosition !== undefined && event.position <= lastPosition) {
      return E.left(breakAt(event, "position-order", `above ${lastPosition}`, String(event.position)));
    }
    const tail = tails.get(event.streamName);
    const expectedRevision = tail === undefined ? 0n : tail.revision + 1n;
    if (event.revision !== expectedRevision) return E.left(breakAt(event, "revision-gap", String(expectedRevision), String(event.revision)));
    // The leaf commits to the time as written: only the one form every store reads back is one.
    if (!isRecordedTime(event.recordedAt)) {
      return E.left(breakAt(event, "undecodable", "recordedAt YYYY-MM-DDTHH:MM:SS.sssZ (a UTC instant)", JSON.stringify(event.recordedAt)));
    }
    let seal: DecodedSeal | undefined;
    if (event.streamName === SEAL_STREAM) {
      const decoded = decodeSeal(event);
      const metadata = EventMetadata.decode(event.metadata);
      const failed = E.isLeft(decoded) ? decoded.left : E.isLeft(metadata) ? describeValidationErrors(metadata.left) : undefined;
      if (failed !== undefined) return E.left(breakAt(event, "undecodable", `a valid ${event.type}`, `${failed.path}: ${failed.reason}`));
      seal = (decoded as E.Right<DecodedSeal>).right;
    } else {
      const failure = pre === undefined ? decodeFailureOf(event) : pre.decodeFailure;
      if (failure !== undefined) return E.left(breakAt(event, "undecodable", `a valid ${event.type}`, `${failure.path}: ${failure.reason}`));
    }
    const prevHash = tail?.hash ?? null;
    const foundPrev = event.metadata["prevHash"];
    if (foundPrev !== prevHash) return E.left(breakAt(event, "chain-link", String(prevHash), String(foundPrev)));
    const hash = pre === undefined ? hashOrUndefined(event) : pre.contentHash;
    if (hash === undefined) return E.left(breakAt(event, "content-hash", "content with a JSON form", "a text RFC 8785 cannot write (a lone surrogate)"));
    if (hash !== event.metadata["hash"]) return E.left(breakAt(event, "content-hash", hash, String(event.metadata["hash"])));
    if (seal !== undefined) {
      const checked = checkSeal(event, seal);
      if ("_tag" in checked) return E.left(checked);
      verifiedSeals.push(checked);
    }
    heads.add(event, tail);
    tails.set(event.streamName, { revision: event.revision, hash });
    const index = log.size;
    log.add(logLeafHashBinary({ index, recordedAt: event.recordedAt, eventHash: hash }), event, hash);
    lastPosition = event.position;
  }
  checkKeptBefore(undefined);
  const unmatched = pendingKept[0];
  if (unmatched !== undefined) {
    return E.left(breakAt({ streamName: "(kept root)", revision: undefined, position: unmatched.position }, "expected-root", unmatched.computed, unmatched.root));
  }
  if (demandSignature && !verifiedSeals.some((seal) => seal.signedBy?.trusted === true)) {
    // Removing every seal (or re-sealing without the key) must not pass where signatures are demanded.
    return E.left(breakAt({ streamName: SEAL_STREAM, revision: undefined, position: undefined }, "seal-signature", "at least one seal signed by a trusted key", "no signed seal"));
  }
  const size = log.size;
  return E.right({
    events: size,
    streams: tails.size,
    seals: verifiedSeals.length,
    verifiedSeals,
    keptRoots: keptVerified,
    lastPosition,
    log: { treeSize: size, root: log.frontierAt(size).root().toString("hex") },
    unsealed: size - (lastSealedSize ?? 0),
  });
};
