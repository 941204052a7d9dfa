import * as E from "fp-ts/lib/Either.js";
import { describeValidationErrors } from "../events/decodeEvent.js";
import { CommandContext } from "../handler/commandContext.js";
import type { InvalidCommand } from "../handler/handlerErrors.js";
import { deriveEventId } from "../handler/eventIds.js";
import type { EventStore } from "../store/eventStore.js";
import type { CurrentRevision } from "../store/expectedRevision.js";
import type { JsonObject } from "../store/recordedEvent.js";
import { readAllPages } from "../store/readAllPages.js";
import type { StoreError } from "../store/storeErrors.js";
import { StoreFailure } from "../store/storeErrors.js";
import { IsoDateTime } from "../values/isoTime.js";
import type * as t from "io-ts";
import { unhashedMetadata } from "../handler/unhashedMetadata.js";
import { computeEventHash } from "./eventHash.js";
import { SEAL_STREAM, sealRoot, StreamHeads } from "./streamHeads.js";

/** What a seal covers, as {@link sealHistory} recorded it: keep `root` and `position` outside the store. */
export interface Seal {
  /** The global position sealed: every event at or before it; 0 for an empty store. */
  readonly position: bigint;
  /** The Merkle root over the stream heads at that position, SHA-256 in lower-case hex. */
  readonly root: string;
  /** How many streams (leaves) the root covers. */
  readonly streams: number;
}

/**
 * Seals a store: reads every event in global order, takes each stream's head, and appends a
 * `SealRecorded` with the Merkle root over them to stream `seal`, chained to the previous seal.
 * Keep the printed root outside the store; `verifyHistory` checks it later.
 */
export const sealHistory = async (
  store: EventStore,
  contextInput: t.OutputOf<typeof CommandContext>,
  sealedAtInput: string,
): Promise<E.Either<StoreError | InvalidCommand, Seal>> => {
  const context = CommandContext.decode(contextInput);
  if (E.isLeft(context)) return E.left({ _tag: "InvalidCommand", command: "Seal", ...describeValidationErrors(context.left) });
  if (!IsoDateTime.is(sealedAtInput)) {
    return E.left({ _tag: "InvalidCommand", command: "Seal", path: "sealedAt", reason: `not an ISO-8601 time with zone: ${sealedAtInput}` });
  }
  return sealValidated(store, context.right, sealedAtInput);
};

const sealValidated = async (store: EventStore, context: CommandContext, sealedAt: IsoDateTime): Promise<E.Either<StoreError, Seal>> => {
  const heads = new StreamHeads();
  let position: bigint | undefined;
  try {
    for await (const event of readAllPages(store)) {
      heads.add(event);
      position = event.position;
    }
  } catch (error) {
    if (error instanceof StoreFailure) return E.left(error.error);
    throw error;
  }
  const seal: Seal = { position: position ?? 0n, root: sealRoot(heads.sorted()), streams: heads.size };

  const previous = await store.readStream(SEAL_STREAM, { direction: "backwards", maxCount: 1 })();
  if (E.isLeft(previous) && previous.left._tag !== "StreamNotFound") return previous;
  const last = E.isRight(previous) ? previous.right[0] : undefined;
  const revision: CurrentRevision = last === undefined ? "no_stream" : last.revision;
  const nextRevision = last === undefined ? 0n : last.revision + 1n;
  const data: JsonObject = { position: Number(seal.position), root: seal.root, streams: seal.streams, sealedAt };
  const id = deriveEventId(context.commandId, SEAL_STREAM, "SealRecorded", 0);
  const unhashed = unhashedMetadata(context, last === undefined ? null : String(last.metadata["hash"]));
  const hash = computeEventHash({ streamName: SEAL_STREAM, revision: nextRevision, id, type: "SealRecorded", data, metadata: unhashed });
  const appended = await store.appendToStream(SEAL_STREAM, [{ id, type: "SealRecorded", data, metadata: { ...unhashed, hash } }], { expectedRevision: revision })();
  return E.isLeft(appended) ? appended : E.right(seal);
};
