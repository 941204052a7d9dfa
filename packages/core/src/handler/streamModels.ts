import type { DomainEvent } from "../events/domainEvent.js";
import type { GrantEvent } from "../events/grantEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import { evolveGrant, initialGrantState, type GrantState } from "../deciders/grantState.js";
import { evolveRound, initialRoundState, type RoundState } from "../deciders/roundState.js";

/** How the events of one kind of stream fold into its state. */
export interface StreamModel<S, Ev extends DomainEvent> {
  readonly initialState: S;
  readonly evolve: (state: S, event: Ev) => S;
  /** Whether an event belongs in this kind of stream. */
  readonly owns: (event: DomainEvent) => event is Ev;
}

const ROUND_TYPES: ReadonlySet<string> = new Set<RoundEvent["type"]>(["RoundOpened", "FundsCommitted", "FundsReleased", "RoundClosed"]);

export const isRoundEvent = (event: DomainEvent): event is RoundEvent => ROUND_TYPES.has(event.type);
export const isGrantEvent = (event: DomainEvent): event is GrantEvent => !ROUND_TYPES.has(event.type);

export const roundModel: StreamModel<RoundState, RoundEvent> = {
  initialState: initialRoundState,
  evolve: evolveRound,
  owns: isRoundEvent,
};

export const grantModel: StreamModel<GrantState, GrantEvent> = {
  initialState: initialGrantState,
  evolve: evolveGrant,
  owns: isGrantEvent,
};
