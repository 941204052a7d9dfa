import type { Either } from "fp-ts/lib/Either.js";
import type * as t from "io-ts";

/**
 * A decider, after Jérémie Chassaing: the three pure functions an event-sourced model is made of.
 * The state is a fold of `evolve` over the stream from `initialState`; `decide` turns a command
 * and that state into new events, or refuses it with a tagged error. No store, no clock, no ids.
 */
export interface Decider<Command, Event, State, Err> {
  /** The state of a stream with no events. */
  readonly initialState: State;
  /** The events a command adds (`[]`: accepted, nothing new), or why it is refused. */
  decide(command: Command, state: State): Either<Err, readonly Event[]>;
  /** The state after one more event. Pure: it never changes `state`. */
  evolve(state: State, event: Event): State;
}

/**
 * The codecs of a decider's commands and events: the runtime check of a plain value (as JSON
 * gives it, say) and the static type, in one. `CommandInput` and `EventInput` are the plain shapes.
 */
export interface DeciderCodecs<Command, Event, CommandInput, EventInput> {
  /** Decodes a plain command into a checked one (and encodes it back). */
  readonly command: t.Type<Command, CommandInput>;
  /** Decodes a plain event into a checked one (and encodes it back). */
  readonly event: t.Type<Event, EventInput>;
}

/** A decider that also carries the codecs of what it decides on and what it decides. */
export interface CodecDecider<Command, Event, State, Err, CommandInput, EventInput> extends Decider<Command, Event, State, Err> {
  /** The codecs of its commands and events. */
  readonly codecs: DeciderCodecs<Command, Event, CommandInput, EventInput>;
}
