import * as t from "io-ts";
import { BasisPoints } from "../values/basisPoints.js";
import { IsoDate, IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId, NonEmptyText } from "../values/text.js";
import { OrganisationKind, Organisation } from "./parties.js";

const AppealWindowDays = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 366, "AppealWindowDays");

/** How long a rejection can be appealed when the policy does not say: three weeks, as forvaltningsloven § 29 sets it. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 21;

/** A scheme's rules as data. Amounts in øre, shares in basis points. */
export const RoundPolicy = t.intersection([
  t.type({
    /** The largest share of a project's total cost the grant may cover. */
    maxShareBps: BasisPoints,
    /** Who may apply; an applicant of another kind is refused. Never empty. */
    eligibleApplicants: t.array(OrganisationKind),
    /** Whether an award must carry a benefits-realisation plan. */
    requiresBenefitsPlan: t.boolean,
    /** Each tranche after the first needs a benefits report recorded since the previous one. */
    reportBeforeNextTranche: t.boolean,
  }),
  t.partial({
    /** The largest single grant, in øre; not above the budget. No limit when absent. */
    maxGrant: Money,
    /** The smallest total project cost accepted, in øre. */
    minProjectCost: Money,
    /** The largest total project cost accepted, in øre; not below `minProjectCost`. */
    maxProjectCost: Money,
    /** No payment before the recipient has accepted the award's conditions (`ConditionsAccepted`). */
    requiresAcceptance: t.boolean,
    /** Days after a rejection or dismissal within which it can be appealed; 21 (three weeks) when absent. */
    appealWindowDays: AppealWindowDays,
    /**
     * The four-eyes principle: the actor who evaluated an application does not award it, the
     * actor who awarded does not pay, and an actor who declared a conflict of interest does not
     * evaluate it.
     */
    separationOfDuties: t.boolean,
  }),
]);
export type RoundPolicy = t.TypeOf<typeof RoundPolicy>;

/** A span of calendar dates, both ends included. */
export const DateWindow = t.type({
  /** The first day. */
  from: IsoDate,
  /** The last day; not before `from`. */
  to: IsoDate,
});
export type DateWindow = t.TypeOf<typeof DateWindow>;

/** A call for applications (utlysning): the budget and the scheme's rules. */
export const RoundOpenedData = t.intersection([
  t.type({
  /** The round; its stream is `round-<roundId>`. */
  roundId: EntityId,
  /** What the round is called, e.g. "Krisepakke 2009, runde 1". */
  name: NonEmptyText,
  /** The funding agency. */
  funder: Organisation,
  /** The money the round can commit, in øre; above 0. */
  budget: Money,
  /** The rules every application and award in the round is held to. */
  policy: RoundPolicy,
  /** Applications made after this instant are refused. */
  applicationDeadline: IsoDateTime,
    /** Planned and actual payments fall inside these dates. */
    disbursementWindow: DateWindow,
  }),
  t.partial({
    /**
     * The scheme (ordning) the round belongs to, e.g. `krisepakke-2009`: money left in a closed
     * round can be carried only to another round of the same scheme.
     */
    schemeId: EntityId,
  }),
]);
/**
 * Budget reserved for a grant: an award's amount, written just before its `GrantAwarded`, or
 * the increase of an amended award, written just before its `AwardAmended`. A grant's
 * commitments less its releases are what the round holds for it.
 */
export const FundsCommittedData = t.intersection([
  t.type({
    /** The round whose budget is reserved. */
    roundId: EntityId,
    /** The grant it is reserved for. */
    grantId: EntityId,
    /** The amount in øre: the award, or the increase of an amendment. */
    amount: Money,
  }),
  t.partial({
    /** The business time of the decision it backs: the award's `awardedAt` or the amendment's `amendedAt`. Absent in histories written before version 0.2. */
    committedAt: IsoDateTime,
  }),
]);
/**
 * Money a round held for a grant, given back: all of it for a rejected, withdrawn or renounced
 * grant or an award that could not be recorded; the decrease of an award amended down; what a
 * closed grant was awarded and not paid.
 */
export const FundsReleasedData = t.intersection([
  t.type({
    /** The round the money returns to. */
    roundId: EntityId,
    /** The grant that held the commitment. */
    grantId: EntityId,
    /** The amount released, in øre: never more than the round holds for the grant. */
    amount: Money,
    /** Why it was released. */
    reason: NonEmptyText,
  }),
  t.partial({
    /** The business time of the decision that released it (the rejection, the closing, the amendment). Absent in histories written before version 0.2. */
    releasedAt: IsoDateTime,
  }),
]);
/** A change of a round's budget (a revised appropriation, "med forbehold om Stortingets samtykke"). */
export const RoundBudgetAdjustedData = t.type({
  /** The round. */
  roundId: EntityId,
  /** The new budget in øre: above 0 and never below what the round has committed. */
  budget: Money,
  /** The budget before, in øre. */
  previousBudget: Money,
  /** Why, e.g. the parliamentary decision. */
  reason: NonEmptyText,
  /** When the adjustment took effect. */
  adjustedAt: IsoDateTime,
});
/** Money left in a closed round, sent to a later round of the same scheme; its `FundsCarriedIn` follows there. */
export const FundsCarriedOverData = t.type({
  /** The closed round the money leaves; its budget falls by `amount`. */
  roundId: EntityId,
  /** The round of the same scheme it goes to. */
  toRoundId: EntityId,
  /** In øre: above 0, at most what the round has not committed. */
  amount: Money,
  /** When it was carried. */
  carriedAt: IsoDateTime,
});
/** Money carried over from a closed round of the same scheme; its budget rises by `amount`. */
export const FundsCarriedInData = t.type({
  /** The round the money comes to. */
  roundId: EntityId,
  /** The round it left, whose `FundsCarriedOver` came first. */
  fromRoundId: EntityId,
  /** In øre: what that `FundsCarriedOver` sent. */
  amount: Money,
  /** When it was carried. */
  carriedAt: IsoDateTime,
});
/** The end of a round: no application and no new commitment is accepted after it. */
export const RoundClosedData = t.type({
  /** The round closed. */
  roundId: EntityId,
  /** When it closed. */
  closedAt: IsoDateTime,
});

/** A round was opened: the first event of every round stream. */
export const RoundOpened = t.type({
  /** Always `"RoundOpened"`: tells the events of a stream apart. */
  type: t.literal("RoundOpened"),
  /** What happened: see {@link RoundOpenedData}. */
  data: RoundOpenedData,
});
/** Part of a round's budget was committed to a grant. */
export const FundsCommitted = t.type({
  /** Always `"FundsCommitted"`: tells the events of a stream apart. */
  type: t.literal("FundsCommitted"),
  /** What happened: see {@link FundsCommittedData}. */
  data: FundsCommittedData,
});
/** A commitment was released back to the round's budget. */
export const FundsReleased = t.type({
  /** Always `"FundsReleased"`: tells the events of a stream apart. */
  type: t.literal("FundsReleased"),
  /** What happened: see {@link FundsReleasedData}. */
  data: FundsReleasedData,
});
/** A round's budget was changed. */
export const RoundBudgetAdjusted = t.type({
  /** Always `"RoundBudgetAdjusted"`: tells the events of a stream apart. */
  type: t.literal("RoundBudgetAdjusted"),
  /** What happened: see {@link RoundBudgetAdjustedData}. */
  data: RoundBudgetAdjustedData,
});
/** Money left in a closed round was sent to a later round of its scheme. */
export const FundsCarriedOver = t.type({
  /** Always `"FundsCarriedOver"`: tells the events of a stream apart. */
  type: t.literal("FundsCarriedOver"),
  /** What happened: see {@link FundsCarriedOverData}. */
  data: FundsCarriedOverData,
});
/** Money carried from an earlier round of the scheme arrived. */
export const FundsCarriedIn = t.type({
  /** Always `"FundsCarriedIn"`: tells the events of a stream apart. */
  type: t.literal("FundsCarriedIn"),
  /** What happened: see {@link FundsCarriedInData}. */
  data: FundsCarriedInData,
});
/** A round was closed. */
export const RoundClosed = t.type({
  /** Always `"RoundClosed"`: tells the events of a stream apart. */
  type: t.literal("RoundClosed"),
  /** What happened: see {@link RoundClosedData}. */
  data: RoundClosedData,
});

export type RoundOpened = t.TypeOf<typeof RoundOpened>;
export type FundsCommitted = t.TypeOf<typeof FundsCommitted>;
export type FundsReleased = t.TypeOf<typeof FundsReleased>;
export type RoundClosed = t.TypeOf<typeof RoundClosed>;
export type RoundBudgetAdjusted = t.TypeOf<typeof RoundBudgetAdjusted>;
export type FundsCarriedOver = t.TypeOf<typeof FundsCarriedOver>;
export type FundsCarriedIn = t.TypeOf<typeof FundsCarriedIn>;

/** Every event of a `round-<roundId>` stream. */
export const RoundEvent = t.union([RoundOpened, FundsCommitted, FundsReleased, RoundClosed, RoundBudgetAdjusted, FundsCarriedOver, FundsCarriedIn]);
export type RoundEvent = t.TypeOf<typeof RoundEvent>;

/** The type of every event that belongs in a round stream; every other event belongs in a grant stream. */
export const ROUND_EVENT_TYPES: ReadonlySet<string> = new Set(RoundEvent.types.map((codec) => codec.props.type.value));

/** Anything with an event's `type`. */
export interface EventWithType {
  /** The event's type, e.g. `"FundsCommitted"`. */
  readonly type: string;
}

/** Whether an event belongs in a `round-<roundId>` stream (and not a grant's). */
export const isRoundEvent = <E extends EventWithType>(event: E): event is Extract<E, RoundEvent> => ROUND_EVENT_TYPES.has(event.type);
