import * as E from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, describeValidationErrors } from "../events/decodeEvent.js";
import { EventMetadata } from "../events/eventMetadata.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { computeEventHash } from "./eventHash.js";
import type { HistoryBreak } from "./historyBreak.js";
import { SealRecorded } from "./sealRecorded.js";
import { SEAL_STREAM, sealRoot, StreamHeads } from "./streamHeads.js";

/** A root an auditor kept outside the store (an annual report, a letter), to check against. */
export interface ExpectedRoot {
  /** The global position the root was taken at, as a seal printed it. */
  readonly position: bigint;
  /** The Merkle root, lower-case hex. */
  readonly root: string;
}

/** What {@link verifyHistory} checked, when nothing broke. */
export interface VerifiedHistory {
  /** How many events were read and verified. */
  readonly events: number;
  /** How many streams they are in. */
  readonly streams: number;
  /** How many seals were given to check. */
  readonly seals: number;
  /** The global position of the last event; `undefined` for an empty history. */
  readonly lastPosition: bigint | undefined;
}

interface Checkpoint {
  readonly position: bigint;
  readonly root: string;
  readonly source: { readonly streamName: string; readonly revision: bigint | undefined; readonly position: bigint | undefined };
  readonly kind: "seal-root" | "expected-root";
}

const checkContent = (event: RecordedEvent, prevHash: string | null): Omit<HistoryBreak, "_tag" | "streamName" | "revision" | "position"> | undefined => {
  if (event.streamName === SEAL_STREAM) {
    const seal = SealRecorded.decode({ type: event.type, data: event.data });
    const metadata = EventMetadata.decode(event.metadata);
    const failed = E.isLeft(seal) ? seal.left : E.isLeft(metadata) ? metadata.left : undefined;
    if (failed !== undefined) {
      const { path, reason } = describeValidationErrors(failed);
      return { kind: "undecodable", expected: `a valid ${event.type}`, found: `${path}: ${reason}` };
    }
  } else {
    const decoded = decodeRecordedEvent(event);
    if (E.isLeft(decoded)) return { kind: "undecodable", expected: `a valid ${event.type}`, found: `${decoded.left.path}: ${decoded.left.reason}` };
  }
  const foundPrev = event.metadata["prevHash"];
  if (foundPrev !== prevHash) return { kind: "chain-link", expected: String(prevHash), found: String(foundPrev) };
  const hash = computeEventHash(event);
  if (hash !== event.metadata["hash"]) return { kind: "content-hash", expected: hash, found: String(event.metadata["hash"]) };
  return undefined;
};

/**
 * Verifies a whole history read in global order: every event decodes, revisions run 0, 1, 2 …
 * in each stream, every `prevHash` is the previous event's `hash`, every `hash` is the hash of
 * the content, and the stream heads at each seal's position (and at each root the auditor kept)
 * give that root. `seals` are the seal events, read beforehand from stream `seal`, so that each
 * root is checked at its own position in one pass. Stops at the first break.
 */
export const verifyHistory = async (
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: { readonly seals?: readonly RecordedEvent[]; readonly expectedRoots?: readonly ExpectedRoot[] } = {},
): Promise<E.Either<HistoryBreak, VerifiedHistory>> => {
  const checkpoints: Checkpoint[] = [];
  for (const seal of options.seals ?? []) {
    const decoded = SealRecorded.decode({ type: seal.type, data: seal.data });
    if (E.isRight(decoded)) {
      const source = { streamName: seal.streamName, revision: seal.revision, position: seal.position };
      checkpoints.push({ position: BigInt(decoded.right.data.position), root: decoded.right.data.root, source, kind: "seal-root" });
    }
  }
  for (const kept of options.expectedRoots ?? []) {
    checkpoints.push({ ...kept, source: { streamName: "(kept root)", revision: undefined, position: kept.position }, kind: "expected-root" });
  }
  checkpoints.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));

  const heads = new StreamHeads();
  const tails = new Map<string, { revision: bigint; hash: string }>();
  let count = 0;
  let lastPosition: bigint | undefined;
  let next = 0;
  const checkRootsBefore = (position: bigint | undefined): HistoryBreak | undefined => {
    for (; next < checkpoints.length; next++) {
      const checkpoint = checkpoints[next] as Checkpoint;
      if (position !== undefined && checkpoint.position >= position) return undefined;
      const root = sealRoot(heads.sorted());
      if (root !== checkpoint.root) return { _tag: "HistoryBreak", kind: checkpoint.kind, ...checkpoint.source, expected: root, found: checkpoint.root };
    }
    return undefined;
  };

  for await (const event of events) {
    const where = { streamName: event.streamName, revision: event.revision, position: event.position };
    const rootBreak = checkRootsBefore(event.position);
    if (rootBreak !== undefined) return E.left(rootBreak);
    if (lastPosition !== undefined && event.position <= lastPosition) {
      return E.left({ _tag: "HistoryBreak", kind: "position-order", ...where, expected: `above ${lastPosition}`, found: String(event.position) });
    }
    const tail = tails.get(event.streamName);
    const expectedRevision = tail === undefined ? 0n : tail.revision + 1n;
    if (event.revision !== expectedRevision) {
      return E.left({ _tag: "HistoryBreak", kind: "revision-gap", ...where, expected: String(expectedRevision), found: String(event.revision) });
    }
    const contentBreak = checkContent(event, tail?.hash ?? null);
    if (contentBreak !== undefined) return E.left({ _tag: "HistoryBreak", ...where, ...contentBreak });
    tails.set(event.streamName, { revision: event.revision, hash: String(event.metadata["hash"]) });
    heads.add(event);
    lastPosition = event.position;
    count += 1;
  }
  const rootBreak = checkRootsBefore(undefined);
  if (rootBreak !== undefined) return E.left(rootBreak);
  return E.right({ events: count, streams: tails.size, seals: options.seals?.length ?? 0, lastPosition });
};
