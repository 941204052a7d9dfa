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
    eligibleApplicants: t.array(OrganisationKind),
    requiresBenefitsPlan: t.boolean,
    /** Each tranche after the first needs a benefits report recorded since the previous one. */
    reportBeforeNextTranche: t.boolean,
  }),
  t.partial({ maxGrant: Money, minProjectCost: Money, maxProjectCost: Money }),
]);
export type RoundPolicy = t.TypeOf<typeof RoundPolicy>;

export const DateWindow = t.type({ from: IsoDate, to: IsoDate });
export type DateWindow = t.TypeOf<typeof DateWindow>;

export const RoundOpenedData = t.type({
  roundId: EntityId,
  name: NonEmptyText,
  funder: Organisation,
  budget: Money,
  policy: RoundPolicy,
  applicationDeadline: IsoDateTime,
  disbursementWindow: DateWindow,
});
export const FundsCommittedData = t.type({ roundId: EntityId, grantId: EntityId, amount: Money });
export const FundsReleasedData = t.type({ roundId: EntityId, grantId: EntityId, amount: Money, reason: NonEmptyText });
export const RoundClosedData = t.type({ roundId: EntityId, closedAt: IsoDateTime });

export const RoundOpened = t.type({ type: t.literal("RoundOpened"), data: RoundOpenedData });
export const FundsCommitted = t.type({ type: t.literal("FundsCommitted"), data: FundsCommittedData });
export const FundsReleased = t.type({ type: t.literal("FundsReleased"), data: FundsReleasedData });
export const RoundClosed = t.type({ type: t.literal("RoundClosed"), data: RoundClosedData });

export type RoundOpened = t.TypeOf<typeof RoundOpened>;
export type FundsCommitted = t.TypeOf<typeof FundsCommitted>;
export type FundsReleased = t.TypeOf<typeof FundsReleased>;
export type RoundClosed = t.TypeOf<typeof RoundClosed>;

/** Every event of a `round-<roundId>` stream. */
export const RoundEvent = t.union([RoundOpened, FundsCommitted, FundsReleased, RoundClosed]);
export type RoundEvent = t.TypeOf<typeof RoundEvent>;
