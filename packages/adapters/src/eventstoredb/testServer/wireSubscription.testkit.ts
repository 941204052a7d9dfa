import type { ServerWritableStream } from "@grpc/grpc-js";
import type { AllSubscription, EventStore, RecordedEvent } from "@grantledger/core";
import { streamsPb } from "./protoAccess.testkit.js";
import { toReadResponse } from "./wireEvents.testkit.js";
import { memoryAfterForReadFrom } from "./wirePositions.testkit.js";
import { allEvents, InvalidPosition } from "./wireRead.testkit.js";

type ReadCall = ServerWritableStream<InstanceType<typeof streamsPb.ReadReq>, InstanceType<typeof streamsPb.ReadResp>>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

/** A live subscription call, so the server can drop it as a restarting node would. */
export interface LiveSubscription {
  readonly call: ReadCall;
  readonly subscription: AllSubscription;
}

/** The server-side filter: a stream-name or event-type expression, by prefixes or a regex. */
const filterOf = (options: ReadOptions): ((event: RecordedEvent) => boolean) => {
  const filter = options.getFilter();
  if (filter === undefined) return () => true;
  const byStream = filter.hasStreamIdentifier();
  const expression = byStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ?? "";
  const matches = (value: string): boolean =>
    prefixes.length > 0 ? prefixes.some((prefix) => value.startsWith(prefix)) : regex === "" || new RegExp(regex).test(value);
  return (event) => matches(byStream ? event.streamName : event.type);
};

/**
 * Answers a subscription to `$all`: a confirmation, then every matching event from the start
 * position on, stored ones first, then live ones, until the client cancels or the server drops it.
 */
export const subscribeToAll = async (store: EventStore, options: ReadOptions, call: ReadCall, live: Set<LiveSubscription>): Promise<void> => {
  const all = options.getAll();
  let after: bigint | undefined;
  if (all?.hasPosition() === true) {
    const from = memoryAfterForReadFrom(BigInt(all.getPosition()?.getCommitPosition() ?? "0"));
    if (from === "invalid") throw new InvalidPosition();
    after = from;
  } else if (all?.hasEnd() === true) {
    after = (await allEvents(store)).at(-1)?.position;
  }
  const matches = filterOf(options);
  const subscription = store.subscribeToAll({ after });
  const entry: LiveSubscription = { call, subscription };
  live.add(entry);
  call.on("cancelled", () => void subscription.close());
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(`test-${live.size}`);
  call.write(new streamsPb.ReadResp().setConfirmation(confirmation));
  try {
    for await (const event of subscription) {
      if (call.cancelled) break;
      if (matches(event)) call.write(toReadResponse(event, true));
    }
  } finally {
    live.delete(entry);
  }
};
