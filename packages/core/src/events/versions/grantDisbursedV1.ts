import * as t from "io-ts";
import { calendarDayOf } from "../../values/calendarDay.js";
import { IsoDateTime } from "../../values/isoTime.js";
import { Money } from "../../values/money.js";
import { EntityId, NonEmptyText } from "../../values/text.js";
import type { GrantDisbursed } from "../grantEvents.js";
import { defineUpcaster, type Upcaster } from "./upcaster.js";

/**
 * `GrantDisbursed` data as version 1 stored it (every grantledger before 0.3): one time for the
 * payment, no value date. A `valueDate` there is refused: version 1 has none, so an event that
 * names one was not written at version 1.
 */
export const GrantDisbursedV1Data = t.intersection([
  t.type({
    /** The grant paid. */
    grantId: EntityId,
    /** This payment in øre; above 0. */
    amount: Money,
    /** The payment's reference in the paying system. */
    paymentRef: NonEmptyText,
    /** When it was paid. */
    disbursedAt: IsoDateTime,
  }),
  t.partial({
    /** Never present at version 1. */
    valueDate: t.undefined,
  }),
]);
export type GrantDisbursedV1Data = t.TypeOf<typeof GrantDisbursedV1Data>;

/**
 * `GrantDisbursed` version 1 to 2: the payment's value date is the calendar day of its
 * `disbursedAt`, as written (in its own zone). Version 1 knew one date for a payment and every
 * reader took the money as paid that day (the disbursement window is reckoned so), which is what
 * a version-2 writer records when it is given no value date. Every other field is kept as it was.
 */
export const upcastGrantDisbursedV1 = (data: GrantDisbursedV1Data): GrantDisbursed["data"] => ({
  ...data,
  valueDate: calendarDayOf(data.disbursedAt),
});

/** {@link upcastGrantDisbursedV1} as the built-in versioning runs it. */
export const grantDisbursedV1ToV2: Upcaster = defineUpcaster("GrantDisbursed", 1, GrantDisbursedV1Data, upcastGrantDisbursedV1);
