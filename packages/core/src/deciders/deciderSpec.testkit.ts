import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import type { GrantEvent } from "../events/grantEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import type { GrantCommand, RoundCommand } from "./commands.js";
import { decideGrant, type GrantDecisionError } from "./grantDecider.js";
import { evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
import { decideRound } from "./roundDecider.js";
import type { RoundError } from "./roundErrors.js";
import { evolveRound, initialRoundState, type RoundState } from "./roundState.js";

/*
 * Given / when / then over the deciders, after Emmett's deciderSpecification:
 *
 *   givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award(bergenAward)).then([...])
 *   givenRound(crisisRoundOpen).when(commitFunds(...)).thenFails("AwardExceedsRemainingBudget", { remaining })
 *
 * The given events are folded with the real evolve functions, so a spec also tests that evolve
 * keeps what decide later needs.
 */

type Tagged = { readonly _tag: string };
type FieldsOf<Err extends Tagged, Tag extends Err["_tag"]> = Partial<Omit<Extract<Err, { _tag: Tag }>, "_tag">>;

export interface Outcome<Ev extends { readonly type: string }, Err extends Tagged> {
  /** The raw decision, for the rare assertion the two below do not cover. */
  readonly decision: E.Either<Err, readonly Ev[]>;
  /** The command is accepted and decides exactly these events (`[]`: accepted, nothing new). */
  then(expected: readonly Ev[]): void;
  /** The command is refused with this error; the fields given must match, others are not checked. */
  thenFails<Tag extends Err["_tag"]>(tag: Tag, fields?: FieldsOf<Err, Tag>): void;
}

const describeEvents = (events: readonly { readonly type: string }[]): string =>
  events.length === 0 ? "no events" : events.map((e) => e.type).join(", ");

const outcome = <Ev extends { readonly type: string }, Err extends Tagged>(
  decision: E.Either<Err, readonly Ev[]>,
): Outcome<Ev, Err> => ({
  decision,
  then: (expected) => {
    if (E.isLeft(decision)) {
      expect.fail(`expected ${describeEvents(expected)}, but the command was refused: ${JSON.stringify(decision.left)}`);
    }
    expect(decision.right).toEqual(expected);
  },
  thenFails: (tag, fields) => {
    if (E.isRight(decision)) expect.fail(`expected ${tag}, but the command was accepted with ${describeEvents(decision.right)}`);
    expect(decision.left).toMatchObject({ ...fields, _tag: tag });
  },
});

export const foldGrant = (events: readonly GrantEvent[]): GrantState => events.reduce(evolveGrant, initialGrantState);
export const foldRound = (events: readonly RoundEvent[]): RoundState => events.reduce(evolveRound, initialRoundState);

export interface GrantSpec {
  /** The history of the grant's round; without it the round does not exist. */
  withRound(roundEvents: readonly RoundEvent[]): GrantSpec;
  when(command: GrantCommand): Outcome<GrantEvent, GrantDecisionError>;
}

const grantSpec = (grantEvents: readonly GrantEvent[], roundEvents: readonly RoundEvent[]): GrantSpec => ({
  withRound: (round) => grantSpec(grantEvents, round),
  when: (command) => outcome(decideGrant(command, foldGrant(grantEvents), foldRound(roundEvents))),
});

/** A grant whose stream holds `events` (none: a grant not yet applied for). */
export const givenGrant = (events: readonly GrantEvent[] = []): GrantSpec => grantSpec(events, []);

export interface RoundSpec {
  when(command: RoundCommand): Outcome<RoundEvent, RoundError>;
}

/** A funding round whose stream holds `events` (none: a round not yet opened). */
export const givenRound = (events: readonly RoundEvent[] = []): RoundSpec => ({
  when: (command) => outcome(decideRound(command, foldRound(events))),
});
