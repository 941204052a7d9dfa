import type { Organisation } from "../events/parties.js";
import type { DateWindow, RoundEvent, RoundPolicy } from "../events/roundEvents.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { EntityId } from "../values/text.js";

/**
 * The commitments of a round as a persistent list (newest first): evolve adds one in O(1)
 * without copying, so folding a round of many awards stays linear; lookups happen once a
 * command, in decide.
 */
export interface Commitment {
  /** The grant the money is committed to. */
  readonly grantId: string;
  /** The amount in øre; 0 marks a released commitment, shadowing earlier ones of the grant. */
  readonly amount: Money;
  /** The commitment made before this one, or `undefined` at the first. */
  readonly previous: Commitment | undefined;
}

/**
 * What an opened round knows: the data of its `RoundOpened` and its commitments so far.
 *
 * @inline
 */
interface RoundDetails {
  /** The round. */
  readonly roundId: EntityId;
  /** What the round is called. */
  readonly name: string;
  /** The funding agency. */
  readonly funder: Organisation;
  /** The money the round can commit, in øre. */
  readonly budget: Money;
  /** The rules applications and awards are held to. */
  readonly policy: RoundPolicy;
  /** Applications made after this instant are refused. */
  readonly applicationDeadline: IsoDateTime;
  /** Planned and actual payments fall inside these dates. */
  readonly disbursementWindow: DateWindow;
  /** Sum of live commitments (committed minus released). */
  readonly committed: Money;
  /** The newest commitment, linking to the older ones; `undefined` before the first. */
  readonly commitments: Commitment | undefined;
}

/** A funding round folded from its stream: not opened, open, or closed. */
export type RoundState =
  | {
      /** The round has no events. */
      readonly status: "none";
    }
  | (RoundDetails & {
      /** Applications and commitments are accepted. */
      readonly status: "open";
    })
  | (RoundDetails & {
      /** No application and no new commitment is accepted; payments and reports go on. */
      readonly status: "closed";
      /** When it closed. */
      readonly closedAt: IsoDateTime;
    });

/** The state of a round that has been opened, open or closed. */
export type ExistingRound = Exclude<
  RoundState,
  {
    /** Leaves out the state of a round never opened. */
    status: "none";
  }
>;

/** The state of a round with no events. */
export const initialRoundState: RoundState = { status: "none" };

/** The live commitment for a grant, if any (a released one no longer counts). */
export const commitmentFor = (state: ExistingRound, grantId: string): Money | undefined => {
  for (let node = state.commitments; node !== undefined; node = node.previous) {
    if (node.grantId === grantId) return node.amount === 0 ? undefined : node.amount;
  }
  return undefined;
};

/** Budget not yet committed. */
export const remainingBudget = (state: ExistingRound): Money => (state.budget - state.committed) as Money;

/** Folds one round event into the state. Pure: the state given is never changed. */
export const evolveRound = (state: RoundState, event: RoundEvent): RoundState => {
  switch (event.type) {
    case "RoundOpened":
      return {
        status: "open",
        ...event.data,
        committed: 0 as Money,
        commitments: undefined,
      };
    case "FundsCommitted":
      if (state.status === "none") return state;
      return {
        ...state,
        committed: (state.committed + event.data.amount) as Money,
        commitments: { grantId: event.data.grantId, amount: event.data.amount, previous: state.commitments },
      };
    case "FundsReleased":
      if (state.status === "none") return state;
      // A zero entry shadows the earlier commitment of the same grant.
      return {
        ...state,
        committed: (state.committed - event.data.amount) as Money,
        commitments: { grantId: event.data.grantId, amount: 0 as Money, previous: state.commitments },
      };
    case "RoundClosed":
      if (state.status === "none") return state;
      return { ...state, status: "closed", closedAt: event.data.closedAt };
  }
};
