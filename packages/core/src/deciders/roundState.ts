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
  readonly grantId: string;
  readonly amount: Money;
  readonly previous: Commitment | undefined;
}

interface RoundDetails {
  readonly roundId: EntityId;
  readonly name: string;
  readonly funder: Organisation;
  readonly budget: Money;
  readonly policy: RoundPolicy;
  readonly applicationDeadline: IsoDateTime;
  readonly disbursementWindow: DateWindow;
  /** Sum of live commitments (committed minus released). */
  readonly committed: Money;
  readonly commitments: Commitment | undefined;
}

export type RoundState =
  | { readonly status: "none" }
  | (RoundDetails & { readonly status: "open" })
  | (RoundDetails & { readonly status: "closed"; readonly closedAt: IsoDateTime });

export type ExistingRound = Exclude<RoundState, { status: "none" }>;

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
