import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { describeValidationErrors } from "../events/decodeEvent.js";
import { CommandContext } from "../handler/commandContext.js";
import { deriveEventId } from "../handler/eventIds.js";
import type { InvalidCommand } from "../handler/handlerErrors.js";
import { unhashedMetadata } from "../handler/unhashedMetadata.js";
import type { EventStore } from "../store/eventStore.js";
import type { CurrentRevision } from "../store/expectedRevision.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";
import { readAllPages } from "../store/readAllPages.js";
import type { StoreError } from "../store/storeErrors.js";
import { StoreFailure } from "../store/storeErrors.js";
import { IsoDateTime } from "../values/isoTime.js";
import { decodeSeal } from "./decodeSeal.js";
import { computeEventHash } from "./eventHash.js";
import { logLeafHash } from "./logLeaf.js";
import { MerkleFrontier } from "./merkleLog.js";
import type { SealedEvent, SealSignature } from "./sealRecorded.js";
import { signTreeHead } from "./sealSignature.js";
import { SEAL_STREAM } from "./streamHeads.js";

/** What a seal covers, as {@link sealHistory} recorded it: keep `root` and `position` outside the store. */
export interface Seal {
  /** The seal format: always 2 for a seal written today. */
  readonly version: 2;
  /** How many events (leaves) it covers: the first `treeSize` of the global order. */
  readonly treeSize: number;
  /** The global position of the last covered event in this store; 0 for an empty store. */
  readonly position: bigint;
  /** The RFC 9162 Merkle root over the leaves, SHA-256 in lower-case hex. */
  readonly root: string;
  /** Where the seal itself was recorded: stream `seal` at this revision. */
  readonly sealRevision: bigint;
  /** How many events were read to make it: those appended since the previous version-2 seal. */
  readonly eventsRead: number;
  /** The signature, when a key was given. */
  readonly signature: SealSignature | undefined;
  /** When the seal was made, as it records it (part of its signed tree head). */
  readonly sealedAt: IsoDateTime;
}

/** How to seal. */
export interface SealOptions {
  /** An Ed25519 private key: the seal then carries its signature over the signed tree head. */
  readonly signingKey?: KeyObject;
}

/** Why a store cannot be sealed on top of its last seal: the seal or the event it ends at changed. */
export interface SealBaseBroken {
  /** Always `"SealBaseBroken"`. */
  readonly _tag: "SealBaseBroken";
  /** The last seal's revision in stream `seal`. */
  readonly sealRevision: bigint;
  /** What is wrong, in a sentence. */
  readonly reason: string;
}

interface Base {
  readonly frontier: MerkleFrontier;
  /** This store's position of the last covered event; `undefined` to read from the start. */
  readonly after: bigint | undefined;
  readonly last: SealedEvent | null;
  readonly position: bigint;
}

const FROM_START: Omit<Base, "frontier"> = { after: undefined, last: null, position: 0n };

/**
 * Seals a store (docs/audit.md §3): extends the Merkle log of the last version-2 seal with every
 * event recorded since, in global order, and appends a `SealRecorded` (version 2) with the new
 * root, tree size and frontier to stream `seal`, chained to the previous seal and signed when a
 * key is given. It reads only what was appended since the previous version-2 seal (the whole
 * history the first time, or after version-1 seals). It refuses (`SealBaseBroken`) to build on a
 * seal whose hash, root or last event no longer holds: `verifyHistory` then says what changed.
 * Keep the returned root and position outside the store.
 */
export const sealHistory = async (
  store: EventStore,
  contextInput: t.OutputOf<typeof CommandContext>,
  sealedAtInput: string,
  options: SealOptions = {},
): Promise<E.Either<StoreError | InvalidCommand | SealBaseBroken, Seal>> => {
  const context = CommandContext.decode(contextInput);
  if (E.isLeft(context)) return E.left({ _tag: "InvalidCommand", command: "Seal", ...describeValidationErrors(context.left) });
  if (!IsoDateTime.is(sealedAtInput)) {
    return E.left({ _tag: "InvalidCommand", command: "Seal", path: "sealedAt", reason: `not an ISO-8601 time with zone: ${sealedAtInput}` });
  }
  const previous = await store.readStream(SEAL_STREAM, { direction: "backwards", maxCount: 1 })();
  if (E.isLeft(previous) && previous.left._tag !== "StreamNotFound") return previous;
  const lastSeal = E.isRight(previous) ? previous.right[0] : undefined;
  const base = lastSeal === undefined ? E.right({ ...FROM_START, frontier: MerkleFrontier.empty() }) : await baseOf(store, lastSeal);
  if (E.isLeft(base)) return base;
  return extendAndAppend(store, context.right, sealedAtInput, base.right, lastSeal, options);
};

/** Where the last seal left the log, checked against the store before anything is built on it. */
const baseOf = async (store: EventStore, seal: RecordedEvent): Promise<E.Either<StoreError | SealBaseBroken, Base>> => {
  const broken = (reason: string) => E.left<SealBaseBroken>({ _tag: "SealBaseBroken", sealRevision: seal.revision, reason });
  const decoded = decodeSeal(seal);
  if (E.isLeft(decoded)) return broken(`the last seal is not a valid seal (${decoded.left.path}: ${decoded.left.reason})`);
  // A version-1 seal holds no log to extend: the first version-2 seal reads the whole history.
  if (decoded.right.version === 1) return E.right({ ...FROM_START, frontier: MerkleFrontier.empty() });
  if (computeEventHash(seal) !== seal.metadata["hash"]) return broken("the last seal's content does not hash to its hash");
  const data = decoded.right.data;
  let frontier: MerkleFrontier;
  try {
    frontier = MerkleFrontier.of(data.treeSize, data.frontier.map((hex) => Buffer.from(hex, "hex")));
  } catch {
    return broken(`the last seal's frontier (${data.frontier.length} hashes) does not fit its tree size ${data.treeSize}`);
  }
  if (frontier.root().toString("hex") !== data.root) return broken("the last seal's frontier does not give its root");
  if (data.last === null) return E.right({ ...FROM_START, frontier });
  const found = await store.readStream(data.last.streamName, { fromRevision: BigInt(data.last.revision), maxCount: 1 })();
  if (E.isLeft(found) && found.left._tag !== "StreamNotFound") return found;
  const event = E.isRight(found) ? found.right[0] : undefined;
  if (event === undefined || event.revision !== BigInt(data.last.revision)) {
    return broken(`the last sealed event ${data.last.streamName}@${data.last.revision} is missing`);
  }
  if (event.metadata["hash"] !== data.last.eventHash) return broken(`the last sealed event ${data.last.streamName}@${data.last.revision} has another hash`);
  return E.right({ frontier, after: event.position, last: data.last, position: event.position });
};

const extendAndAppend = async (
  store: EventStore,
  context: CommandContext,
  sealedAt: IsoDateTime,
  base: Base,
  lastSeal: RecordedEvent | undefined,
  options: SealOptions,
): Promise<E.Either<StoreError, Seal>> => {
  const frontier = base.frontier;
  let last = base.last;
  let position = base.position;
  let eventsRead = 0;
  try {
    for await (const event of readAllPages(store, base.after === undefined ? {} : { after: base.after })) {
      const eventHash = String(event.metadata["hash"]);
      frontier.append(logLeafHash({ index: frontier.size, recordedAt: event.recordedAt, eventHash }));
      last = { streamName: event.streamName, revision: Number(event.revision), eventHash } as SealedEvent;
      position = event.position;
      eventsRead += 1;
    }
  } catch (error) {
    if (error instanceof StoreFailure) return E.left(error.error);
    throw error;
  }
  const root = frontier.root().toString("hex");
  const treeSize = frontier.size;
  const signature = options.signingKey === undefined ? undefined : signTreeHead({ treeSize, root, sealedAt }, options.signingKey);
  const data: JsonObject = {
    version: 2,
    treeSize,
    position: Number(position),
    last,
    root,
    frontier: frontier.hashes.map((hash) => hash.toString("hex")),
    sealedAt,
    ...(signature === undefined ? {} : { signature }),
  };
  const revision: CurrentRevision = lastSeal === undefined ? "no_stream" : lastSeal.revision;
  const sealRevision = lastSeal === undefined ? 0n : lastSeal.revision + 1n;
  const id = deriveEventId(context.commandId, SEAL_STREAM, "SealRecorded", 0);
  const unhashed = unhashedMetadata(context, lastSeal === undefined ? null : String(lastSeal.metadata["hash"]));
  const hash = computeEventHash({ streamName: SEAL_STREAM, revision: sealRevision, id, type: "SealRecorded", data, metadata: unhashed });
  const appended = await store.appendToStream(SEAL_STREAM, [{ id, type: "SealRecorded", data, metadata: { ...unhashed, hash } }], { expectedRevision: revision })();
  if (E.isLeft(appended)) return appended;
  return E.right({ version: 2, treeSize, position, root, sealRevision, eventsRead, signature, sealedAt });
};
