import type { GrantEvent } from "../events/grantEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import { scenario, type ScenarioOutcome } from "../testing/scenario.js";
import type { GrantCommand, RoundCommand } from "./commands.js";
import { grantDecider, type GrantDecisionError } from "./grantDecider.js";
import { evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
import { roundDecider } from "./roundDecider.js";
import type { RoundError } from "./roundErrors.js";
import { evolveRound, initialRoundState, type RoundState } from "./roundState.js";

/*
 * Our decider specs, in the words they have always used, on the public test kit
 * (`@grantledger/core/testing`) so that every spec also exercises what users get:
 *
 *   givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award(bergenAward)).then([...])
 *   givenRound(crisisRoundOpen).when(commitFunds(...)).thenFails("AwardExceedsRemainingBudget", { remaining })
 *
 * Without the deciders' codecs: some specs hand the decider a command its codec would refuse (a
 * blank reason), to show the decider refuses it too when a caller skips the codec.
 */
const { codecs: _grantCodecs, ...uncheckedGrantDecider } = grantDecider;
const { codecs: _roundCodecs, ...uncheckedRoundDecider } = roundDecider;

export const foldGrant = (events: readonly GrantEvent[]): GrantState => events.reduce(evolveGrant, initialGrantState);
export const foldRound = (events: readonly RoundEvent[]): RoundState => events.reduce(evolveRound, initialRoundState);

export interface GrantSpec {
  /** The history of the grant's round; without it the round does not exist. */
  withRound(roundEvents: readonly RoundEvent[]): GrantSpec;
  when(command: GrantCommand): ScenarioOutcome<GrantEvent | RoundEvent, GrantDecisionError>;
}

const grantSpec = (grantEvents: readonly GrantEvent[], roundEvents: readonly RoundEvent[]): GrantSpec => ({
  withRound: (round) => grantSpec(grantEvents, round),
  when: (command) => scenario(uncheckedGrantDecider).given([...roundEvents, ...grantEvents]).when(command),
});

/** A grant whose stream holds `events` (none: a grant not yet applied for). */
export const givenGrant = (events: readonly GrantEvent[] = []): GrantSpec => grantSpec(events, []);

export interface RoundSpec {
  when(command: RoundCommand): ScenarioOutcome<RoundEvent, RoundError>;
}

/** A funding round whose stream holds `events` (none: a round not yet opened). */
export const givenRound = (events: readonly RoundEvent[] = []): RoundSpec => ({
  when: (command) => scenario(uncheckedRoundDecider).given(events).when(command),
});
