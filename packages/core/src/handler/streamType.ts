import type { Either } from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { GrantState } from "../deciders/grantState.js";
import type { RoundState } from "../deciders/roundState.js";
import { checkEventCodecs, isCodec, type EventCodecs, type EventOf } from "../events/eventDefinitions.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { HandlerError } from "./handlerErrors.js";

/** An application's own commands: each type with the io-ts codec of its `data`, decoded from untrusted JSON. */
export type CommandCodecs = { readonly [type: string]: t.Mixed };

/** The commands of a set of {@link CommandCodecs}, decoded: `{ type, data }`. */
export type CommandOf<C extends CommandCodecs> = EventOf<C>;

/** A command of a set of {@link CommandCodecs} as plain JSON, before decoding: `{ type, data }`. */
export type CommandInputOf<C extends CommandCodecs> = {
  [K in keyof C & string]: {
    /** The command type: a key of the codecs. */
    readonly type: K;
    /** Its data as JSON (its codec's output type). */
    readonly data: t.OutputOf<C[K]>;
  };
}[keyof C & string];

/**
 * What a decider of one's own may read besides its own stream, each folded with the checks the
 * ledger's own reads make (decoded, hash chain linked): the grant and round streams, and streams
 * of other stream types. A read is as of the decision: only the decider's own stream is appended
 * to at exactly the revision read, so a rule on another stream holds as of when it was read.
 */
export interface StreamReads {
  /** Who gives the command: the context's `actor`. */
  readonly actor: string;
  /** The ledger's clock when the command arrived (UTC). */
  readonly now: IsoDateTime;
  /** A grant's state, as `ledger.readGrant` gives it (`status: "none"` for a grant never applied for). */
  grant(grantId: string): Promise<Either<HandlerError, GrantState>>;
  /** A round's state, as `ledger.readRound` gives it. */
  round(roundId: string): Promise<Either<HandlerError, RoundState>>;
  /** The state of the stream `id` of a stream type of one's own (this one or another). */
  stream<OtherEvents extends EventCodecs, OtherCommands extends CommandCodecs, S, OtherErr>(type: StreamType<OtherEvents, OtherCommands, S, OtherErr>, id: string): Promise<Either<HandlerError, S>>;
}

/**
 * A kind of stream of one's own (`inspection-<id>`), with its events, commands and decider: what
 * {@link defineStreamType} takes and gives, and what `createStreamHandler` runs through the
 * command handler. Its events get what the catalogue's get: derived ids, metadata, the hash
 * chain, idempotency and optimistic concurrency.
 */
export interface StreamType<Events extends EventCodecs, Commands extends CommandCodecs, S, Err> {
  /** The stream type's name, for messages (`inspection`). */
  readonly name: string;
  /** The stream of an id, e.g. `` (id) => `inspection-${id}` ``; never a name of grantledger's own (`grant-…`, `round-…`, `seal`). */
  streamName(id: string): string;
  /** The event types its streams hold, each with the codec of its data; no type of the catalogue's. */
  readonly events: Events;
  /** The commands it decides, each with the codec of its data. */
  readonly commands: Commands;
  /** Which stream (by id) a command is decided on and appended to. */
  streamId(command: CommandOf<Commands>): string;
  /** The state of a stream with no events. */
  readonly initialState: S;
  /** The state after one more event; `actor` is the one in the event's metadata. Pure. */
  evolve(state: S, event: EventOf<Events>, actor: string): S;
  /**
   * The events a command produces on its stream's current state, or why not: a `Left` of the
   * application's own error (or a {@link HandlerError} of a read passed on). May read other
   * streams through `reads`; returning no events appends nothing.
   */
  decide(command: CommandOf<Commands>, state: S, reads: StreamReads): Either<Err, readonly EventOf<Events>[]> | Promise<Either<Err, readonly EventOf<Events>[]>>;
}

/**
 * A stream type of one's own, checked: a name, event types of its own (none of the catalogue's,
 * nor the seal's, nor empty or starting with `$`), and io-ts codecs for its events and commands.
 * Throws a `RangeError` naming what is wrong: a mistake in code.
 *
 * ```ts
 * const inspections = defineStreamType({
 *   name: "inspection",
 *   streamName: (id) => `inspection-${id}`,
 *   events: { InspectionRecorded: InspectionRecordedData },
 *   commands: { RecordInspection: RecordInspectionData },
 *   streamId: (command) => command.data.inspectionId,
 *   initialState: { recorded: false },
 *   evolve: (state, event) => ({ recorded: true }),
 *   decide: (command, state, reads) => …,
 * });
 * ```
 */
export const defineStreamType = <Events extends EventCodecs, Commands extends CommandCodecs, S, Err>(
  definition: StreamType<Events, Commands, S, Err>,
): StreamType<Events, Commands, S, Err> => {
  if (typeof definition.name !== "string" || definition.name.trim() === "") throw new RangeError("a stream type needs a name");
  const where = `stream type "${definition.name}"`;
  checkEventCodecs(definition.events, where);
  if (Object.keys(definition.events).length === 0) throw new RangeError(`${where} has no event types`);
  for (const [type, codec] of Object.entries(definition.commands)) {
    if (type === "") throw new RangeError(`${where}: a command type must not be empty`);
    if (!isCodec(codec)) throw new RangeError(`${where}: the codec of command "${type}" is not an io-ts codec`);
  }
  return Object.freeze({ ...definition });
};
