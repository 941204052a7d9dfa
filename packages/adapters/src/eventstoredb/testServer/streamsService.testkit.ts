import { Metadata, status } from "@grpc/grpc-js";
import type { EventStore, EventToAppend, ExpectedRevision } from "@grantledger/core";
import { sharedPb, streamsPb } from "./protoAccess.testkit.js";
import type { IStreamsServer } from "./protoAccess.testkit.js";
import { appendAsEventStoreDb } from "./wireAppend.testkit.js";
import { streamNameOf, toEventToAppend, uuidText } from "./wireEvents.testkit.js";
import { InvalidPosition, readAll, readStream } from "./wireRead.testkit.js";
import { expectedOfAppend, toAppendResponse, toBatchAppendResponse } from "./wireResponses.testkit.js";
import { subscribeToAll } from "./wireSubscription.testkit.js";
import type { LiveSubscription } from "./wireSubscription.testkit.js";

/** What the streams service shares with the server around it. */
export interface StreamsServiceState {
  readonly store: EventStore;
  readonly live: Set<LiveSubscription>;
  /** The next memory position, to tell a re-append answered from history from a new write. */
  readonly written: { next: bigint; readonly positionOnRetry: boolean };
  /** Streams tombstoned (deleted for good): reads of them fail as EventStoreDB's do. */
  readonly tombstoned: Set<string>;
  /** How often each call was made (`read`, `append`, `batchAppend`, `invalidPosition`), so tests can see which path ran. */
  readonly calls: Map<string, number>;
}

const count = (state: StreamsServiceState, call: string): void => {
  state.calls.set(call, (state.calls.get(call) ?? 0) + 1);
};

const fail = (state: StreamsServiceState, call: { emit(event: "error", error: { code: number; details: string }): boolean }, error: unknown): void => {
  if (error instanceof InvalidPosition) count(state, "invalidPosition");
  const code = error instanceof InvalidPosition ? status.INVALID_ARGUMENT : status.INTERNAL;
  call.emit("error", { code, details: error instanceof Error ? error.message : String(error) });
};

/** EventStoreDB's `Streams` service over the memory store: read, append and batch append. */
export const streamsService = (state: StreamsServiceState): IStreamsServer => ({
  read: (call) => {
    const options = call.request.getOptions();
    count(state, options?.hasSubscription() === true ? "subscribe" : "read");
    if (options === undefined) return fail(state, call, new Error("a read without options"));
    const streamName = options.hasStream() ? streamNameOf(options.getStream()?.getStreamIdentifier()) : undefined;
    if (streamName !== undefined && state.tombstoned.has(streamName)) return void call.emit("error", streamDeleted(streamName));
    const answer = options.hasSubscription()
      ? subscribeToAll(state.store, options, call, state.live)
      : options.hasStream()
        ? readStream(state.store, options, call)
        : readAll(state.store, options, call);
    answer.then(
      () => endUnlessEnded(call),
      (error: unknown) => fail(state, call, error),
    );
  },

  append: (call, callback) => {
    count(state, "append");
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: EventToAppend[] = [];
    call.on("data", (request: InstanceType<typeof streamsPb.AppendReq>) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message !== undefined) events.push(toEventToAppend(message));
    });
    call.on("end", () => {
      const expected = expectedOfAppend(options);
      appendAsEventStoreDb(state.store, streamNameOf(options?.getStreamIdentifier()), events, expected, state.written).then(
        (outcome) =>
          outcome.kind === "failed"
            ? callback({ code: outcome.code, details: outcome.message })
            : callback(null, toAppendResponse(outcome, expected)),
        (error: unknown) => callback({ code: status.INTERNAL, details: String(error) }),
      );
    });
  },

  batchAppend: (call) => {
    const pending = new Map<string, { streamName: string; expected: ExpectedRevision; events: EventToAppend[] }>();
    // Answers go out in the order requests completed, as one writer would see them.
    let answered: Promise<void> = Promise.resolve();
    call.on("data", (request: InstanceType<typeof streamsPb.BatchAppendReq>) => {
      const correlationId = uuidText(request.getCorrelationId());
      const options = request.getOptions();
      if (options !== undefined) {
        pending.set(correlationId, { streamName: streamNameOf(options.getStreamIdentifier()), expected: expectedOfAppend(options), events: [] });
      }
      const batch = pending.get(correlationId);
      if (batch === undefined) return;
      for (const message of request.getProposedMessagesList()) batch.events.push(toEventToAppend(message));
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      count(state, "batchAppend");
      answered = answered.then(async () => {
        const outcome = await appendAsEventStoreDb(state.store, batch.streamName, batch.events, batch.expected, state.written);
        if (!call.writableEnded) call.write(toBatchAppendResponse(correlationId, batch.streamName, batch.expected, outcome));
      });
    });
    call.on("end", () => void answered.then(() => endUnlessEnded(call)));
  },

  delete: (_call, callback) => callback({ code: status.UNIMPLEMENTED, details: "not in the wire-format test server" }),
  // Only reads see the tombstone; appends to a tombstoned stream are not modelled.
  tombstone: (call, callback) => {
    state.tombstoned.add(streamNameOf(call.request.getOptions()?.getStreamIdentifier()));
    callback(null, new streamsPb.TombstoneResp().setNoPosition(new sharedPb.Empty()));
  },
});

/** EventStoreDB's answer to a read of a tombstoned stream, which the client makes a StreamDeletedError. */
const streamDeleted = (streamName: string): { code: number; details: string; metadata: Metadata } => {
  const metadata = new Metadata();
  metadata.set("exception", "stream-deleted");
  metadata.set("stream-name", streamName);
  return { code: status.FAILED_PRECONDITION, details: `Event stream '${streamName}' is deleted.`, metadata };
};

const endUnlessEnded = (call: { readonly writableEnded: boolean; end(): void }): void => {
  if (!call.writableEnded) call.end();
};
