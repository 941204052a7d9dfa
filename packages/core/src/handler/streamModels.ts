import type { DomainEvent } from "../events/domainEvent.js";
import type { GrantEvent } from "../events/grantEvents.js";
import { isRoundEvent, type RoundEvent } from "../events/roundEvents.js";
import { evolveGrant, initialGrantState, type GrantState } from "../deciders/grantState.js";
import { evolveRound, initialRoundState, type RoundState } from "../deciders/roundState.js";

/** How the events of one kind of stream fold into its state. */
export interface StreamModel<S, Ev extends DomainEvent> {
  /** The state of a stream with no events. */
  readonly initialState: S;
  /** The state after one more event; `actor` is the one in the event's metadata. */
  readonly evolve: (state: S, event: Ev, actor?: string) => S;
  /** Whether an event belongs in this kind of stream. */
  readonly owns: (event: DomainEvent) => event is Ev;
}

export { isRoundEvent };
/** Whether an event belongs in a `grant-<grantId>` stream. */
export const isGrantEvent = (event: DomainEvent): event is GrantEvent => !isRoundEvent(event);

/** How a round's stream folds: {@link evolveRound} from {@link initialRoundState}. */
export const roundModel: StreamModel<RoundState, RoundEvent> = {
  initialState: initialRoundState,
  evolve: evolveRound,
  owns: isRoundEvent,
};

/** How a grant's stream folds: {@link evolveGrant} from {@link initialGrantState}. */
export const grantModel: StreamModel<GrantState, GrantEvent> = {
  initialState: initialGrantState,
  evolve: evolveGrant,
  owns: isGrantEvent,
};
