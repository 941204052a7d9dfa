import * as E from "fp-ts/lib/Either.js";
import type { ServerWritableStream } from "@grpc/grpc-js";
import type { EventStore, RecordedEvent } from "@grantledger/core";
import { streamsPb } from "./protoAccess.testkit.js";
import { streamIdentifier, streamNameOf, toReadResponse } from "./wireEvents.testkit.js";
import { memoryAfterForReadFrom, memoryPositionOf } from "./wirePositions.testkit.js";

type ReadCall = ServerWritableStream<InstanceType<typeof streamsPb.ReadReq>, InstanceType<typeof streamsPb.ReadResp>>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

/** What EventStoreDB answers to a read of `$all` that starts between two records. */
export class InvalidPosition extends Error {
  constructor() {
    super("Trying to read from an invalid position.");
  }
}

const BACKWARDS = streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;

/** Answers a read of one stream: its events, or EventStoreDB's "stream not found" message. */
export const readStream = async (store: EventStore, options: ReadOptions, call: ReadCall): Promise<void> => {
  const stream = options.getStream();
  const streamName = streamNameOf(stream?.getStreamIdentifier());
  const backwards = options.getReadDirection() === BACKWARDS;
  const fromRevision = stream?.hasRevision() === true ? BigInt(stream.getRevision()) : stream?.hasEnd() === true ? (backwards ? undefined : 2n ** 62n) : backwards ? 0n : undefined;
  const read = await store.readStream(streamName, { direction: backwards ? "backwards" : "forwards", fromRevision, maxCount: Number(options.getCount()) })();
  if (E.isLeft(read)) {
    const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName));
    call.write(new streamsPb.ReadResp().setStreamNotFound(notFound));
    return;
  }
  for (const event of read.right) call.write(toReadResponse(event, false));
};

/** Answers a read of `$all`, forwards or backwards, from a record's position, the start or the end. */
export const readAll = async (store: EventStore, options: ReadOptions, call: ReadCall): Promise<void> => {
  const all = options.getAll();
  const count = Number(options.getCount());
  const from = all?.hasPosition() === true ? BigInt(all.getPosition()?.getCommitPosition() ?? "0") : undefined;
  if (options.getReadDirection() === BACKWARDS) {
    const before = from === undefined || all?.hasEnd() === true ? undefined : memoryPositionOf(from);
    if (before === "invalid") throw new InvalidPosition();
    const everything = await allEvents(store);
    const window = everything.filter((event) => before === undefined || event.position < before).reverse().slice(0, count);
    for (const event of window) call.write(toReadResponse(event, true));
    return;
  }
  if (all?.hasEnd() === true) return;
  const after = from === undefined ? undefined : memoryAfterForReadFrom(from);
  if (after === "invalid") throw new InvalidPosition();
  const read = await store.readAll({ after, maxCount: count })();
  for (const event of E.isRight(read) ? read.right : []) call.write(toReadResponse(event, true));
};

/** Every event of the memory store, for reads the port has no shape for (backwards, from the end). */
export const allEvents = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  const read = await store.readAll()();
  return E.isRight(read) ? read.right : [];
};
