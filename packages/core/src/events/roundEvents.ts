import * as t from "io-ts";
import { BasisPoints } from "../values/basisPoints.js";
import { IsoDate, IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId, NonEmptyText } from "../values/text.js";
import { OrganisationKind, Organisation } from "./parties.js";

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
export const RoundOpenedData = t.type({
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
});
/** Budget reserved for one grant's award, written just before that grant's `GrantAwarded`. */
export const FundsCommittedData = t.type({
  /** The round whose budget is reserved. */
  roundId: EntityId,
  /** The grant it is reserved for; at most one live commitment per grant. */
  grantId: EntityId,
  /** The amount in øre: the award. */
  amount: Money,
});
/** A commitment given back to the round, for an award that was not recorded or a rejected grant. */
export const FundsReleasedData = t.type({
  /** The round the money returns to. */
  roundId: EntityId,
  /** The grant that held the commitment. */
  grantId: EntityId,
  /** The amount released, in øre: the whole commitment. */
  amount: Money,
  /** Why it was released. */
  reason: NonEmptyText,
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

/** Every event of a `round-<roundId>` stream. */
export const RoundEvent = t.union([RoundOpened, FundsCommitted, FundsReleased, RoundClosed]);
export type RoundEvent = t.TypeOf<typeof RoundEvent>;
