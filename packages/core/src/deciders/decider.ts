import type { Either } from "fp-ts/lib/Either.js";

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
