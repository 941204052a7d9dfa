import * as E from "fp-ts/lib/Either.js";
import type { GrantEvent } from "../events/grantEvents.js";
import { isRoundEvent, type RoundEvent } from "../events/roundEvents.js";
import { scenario, type ScenarioOutcome } from "../testing/scenario.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { CarryOverFunds, GrantCommand, RoundCommand } from "./commands.js";
import type { Decider } from "./decider.js";
import { decideGrant, grantDecider, type GrantAndRound, type GrantDecisionError } from "./grantDecider.js";
import { evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
import { decideCarryOver, roundDecider, type CarryOverEvents } from "./roundDecider.js";
import type { RoundError } from "./roundErrors.js";
import { evolveRound, initialRoundState, type RoundState } from "./roundState.js";

/*
 * Our decider specs, in the words they have always used, on the public test kit
 * (`@grantledger/core/testing`) so that every spec also exercises what users get:
 *
 *   givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award(bergenAward)).then([...])
 *   givenRound(crisisRoundOpen).when(commitFunds(...)).thenFails("AwardExceedsRemainingBudget", { remaining })
 *   givenGrant([...applied, recordedBy(kari, evaluated)]).withRound(separated).by(kari).when(award(...)).thenFails("EvaluatorCannotAward")
 *   givenRounds(firstRoundClosed, secondRoundOpen).when(carryOver(...)).then([carriedOver, carriedIn])
 *
 * Without the deciders' codecs: some specs hand the decider a command its codec would refuse (a
 * blank reason), to show the decider refuses it too when a caller skips the codec.
 */
const { codecs: _grantCodecs, ...uncheckedGrantDecider } = grantDecider;
const { codecs: _roundCodecs, ...uncheckedRoundDecider } = roundDecider;

export const foldGrant = (events: readonly GrantEvent[]): GrantState => events.reduce((state: GrantState, event) => evolveGrant(state, event), initialGrantState);
export const foldRound = (events: readonly RoundEvent[]): RoundState => events.reduce(evolveRound, initialRoundState);

/*
 * Who recorded an event, as its metadata's actor would say: `recordedBy(actor, event)` marks a
 * given event (a copy, so fixtures stay unmarked) and the fold hands the actor to evolveGrant,
 * which keeps it where a later rule needs it (separation of duties). Kept beside the event, not
 * on it, so the decided events a spec compares are plain.
 */
const actors = new WeakMap<object, string>();

/** `event`, as recorded by `actor` (its metadata's actor): for the rules that look at who evaluated or awarded. */
export const recordedBy = <Ev extends GrantEvent>(actor: string, event: Ev): Ev => {
  const marked = { ...event };
  actors.set(marked, actor);
  return marked;
};

/** How a command is given in a spec: by whom, and when the ledger's clock received it. */
interface Giving {
  readonly actor: string | undefined;
  readonly receivedAt: IsoDateTime | undefined;
}

/** The grant decider as the command handler calls it: with the command's actor and time, and events folded with their actors. */
const givenBy = ({ actor, receivedAt }: Giving): Decider<GrantCommand, GrantEvent | RoundEvent, GrantAndRound, GrantDecisionError> => ({
  initialState: uncheckedGrantDecider.initialState,
  decide: (command, state) => decideGrant(command, state.grant, state.round, actor, receivedAt),
  evolve: (state, event) =>
    isRoundEvent(event) ? uncheckedGrantDecider.evolve(state, event) : { grant: evolveGrant(state.grant, event, actors.get(event)), round: state.round },
});

export interface GrantSpec {
  /** The history of the grant's round; without it the round does not exist. */
  withRound(roundEvents: readonly RoundEvent[]): GrantSpec;
  /** The command is given by `actor` (the command context's actor); without it no duty is checked. */
  by(actor: string): GrantSpec;
  /** The ledger's clock received the command at `at` (a live command); without it, as a record taken as given. */
  receivedAt(at: IsoDateTime): GrantSpec;
  when(command: GrantCommand): ScenarioOutcome<GrantEvent | RoundEvent, GrantDecisionError>;
}

const grantSpec = (grantEvents: readonly GrantEvent[], roundEvents: readonly RoundEvent[], giving: Giving): GrantSpec => ({
  withRound: (round) => grantSpec(grantEvents, round, giving),
  by: (actor) => grantSpec(grantEvents, roundEvents, { ...giving, actor }),
  receivedAt: (at) => grantSpec(grantEvents, roundEvents, { ...giving, receivedAt: at }),
  when: (command) => {
    const plain = giving.actor === undefined && giving.receivedAt === undefined && !grantEvents.some((event) => actors.has(event));
    // The plain specs run on the exported grantDecider itself, as users of the test kit do.
    const decider = plain ? uncheckedGrantDecider : givenBy(giving);
    return scenario(decider).given([...roundEvents, ...grantEvents]).when(command);
  },
});

/** A grant whose stream holds `events` (none: a grant not yet applied for). */
export const givenGrant = (events: readonly GrantEvent[] = []): GrantSpec => grantSpec(events, [], { actor: undefined, receivedAt: undefined });

export interface RoundSpec {
  when(command: RoundCommand): ScenarioOutcome<RoundEvent, RoundError>;
}

/** A funding round whose stream holds `events` (none: a round not yet opened). */
export const givenRound = (events: readonly RoundEvent[] = []): RoundSpec => ({
  when: (command) => scenario(uncheckedRoundDecider).given(events).when(command),
});

export interface CarryOverSpec {
  /** The carry-over decided on both rounds: `FundsCarriedOver` for the source, then `FundsCarriedIn` for the target. */
  when(command: CarryOverFunds): ScenarioOutcome<RoundEvent, RoundError>;
}

/** Two rounds whose streams hold `source` and `target`, for a carry-over from the first to the second (`decideCarryOver`). */
export const givenRounds = (source: readonly RoundEvent[], target: readonly RoundEvent[]): CarryOverSpec => {
  const carrying: Decider<CarryOverFunds, RoundEvent, { readonly source: RoundState; readonly target: RoundState }, RoundError> = {
    initialState: { source: foldRound(source), target: foldRound(target) },
    decide: (command, rounds) => E.map(({ carriedOver, carriedIn }: CarryOverEvents) => [...carriedOver, ...carriedIn])(decideCarryOver(command, rounds.source, rounds.target)),
    evolve: (rounds) => rounds,
  };
  return { when: (command) => scenario(carrying).given([]).when(command) };
};
