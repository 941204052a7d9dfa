import type { Organisation } from "../events/parties.js";
import type { DateWindow, RoundEvent, RoundPolicy } from "../events/roundEvents.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { EntityId } from "../values/text.js";

/**
 * The commitments and releases of a round as a persistent list (newest first): evolve adds one
 * in O(1) without copying, so folding a round of many awards stays linear; lookups happen once
 * a command, in decide.
 */
export interface Commitment {
  /** The grant the money is committed to or released from. */
  readonly grantId: string;
  /** The change in øre: positive for `FundsCommitted`, negative for `FundsReleased`. */
  readonly change: number;
  /** The change before this one, or `undefined` at the first. */
  readonly previous: Commitment | undefined;
}

/** Money carried between two rounds of a scheme, as one of them records it. */
export interface Carry {
  /** The other round: where the money went, or where it came from. */
  readonly roundId: string;
  /** In øre. */
  readonly amount: Money;
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
  /** The scheme the round belongs to, if it names one. */
  readonly schemeId: EntityId | undefined;
  /** The money the round can commit, in øre: as opened, adjusted, plus carried in, less carried over. */
  readonly budget: Money;
  /** The rules applications and awards are held to. */
  readonly policy: RoundPolicy;
  /** Applications made after this instant are refused. */
  readonly applicationDeadline: IsoDateTime;
  /** Planned and actual payments fall inside these dates. */
  readonly disbursementWindow: DateWindow;
  /** Sum of live commitments (committed minus released). */
  readonly committed: Money;
  /** The newest commitment or release, linking to the older ones; `undefined` before the first. */
  readonly commitments: Commitment | undefined;
  /** Money carried over to later rounds, oldest first. */
  readonly carriedOver: readonly Carry[];
  /** Money carried in from earlier rounds, oldest first. */
  readonly carriedIn: readonly Carry[];
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

/** What the round holds for a grant: its commitments less its releases; `undefined` when nothing. */
export const commitmentFor = (state: ExistingRound, grantId: string): Money | undefined => {
  let held = 0;
  for (let node = state.commitments; node !== undefined; node = node.previous) {
    if (node.grantId === grantId) held += node.change;
  }
  return held === 0 ? undefined : (held as Money);
};

/** Money carried from `fromRoundId` to `toRoundId` as the source records it, less what the target has recorded arriving. */
export const carryInFlight = (source: ExistingRound, target: ExistingRound): Money => {
  const sent = source.carriedOver.filter((carry) => carry.roundId === target.roundId).reduce((sum, carry) => sum + carry.amount, 0);
  const arrived = target.carriedIn.filter((carry) => carry.roundId === source.roundId).reduce((sum, carry) => sum + carry.amount, 0);
  return (sent - arrived) as Money;
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
        schemeId: event.data.schemeId,
        committed: 0 as Money,
        commitments: undefined,
        carriedOver: [],
        carriedIn: [],
      };
  }
  if (state.status === "none") return state;
  switch (event.type) {
    case "FundsCommitted":
      return {
        ...state,
        committed: (state.committed + event.data.amount) as Money,
        commitments: { grantId: event.data.grantId, change: event.data.amount, previous: state.commitments },
      };
    case "FundsReleased":
      return {
        ...state,
        committed: (state.committed - event.data.amount) as Money,
        commitments: { grantId: event.data.grantId, change: -event.data.amount, previous: state.commitments },
      };
    case "RoundClosed":
      return { ...state, status: "closed", closedAt: event.data.closedAt };
    case "RoundBudgetAdjusted":
      return { ...state, budget: event.data.budget };
    case "FundsCarriedOver": {
      const { toRoundId, amount } = event.data;
      return { ...state, budget: (state.budget - amount) as Money, carriedOver: [...state.carriedOver, { roundId: toRoundId, amount }] };
    }
    case "FundsCarriedIn": {
      const { fromRoundId, amount } = event.data;
      return { ...state, budget: (state.budget + amount) as Money, carriedIn: [...state.carriedIn, { roundId: fromRoundId, amount }] };
    }
  }
};
