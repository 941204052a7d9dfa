import { compareInstants, isIsoDateTime, unsafeIsoDateTime, type IsoDateTime } from "../values/isoTime.js";
import type { BusinessTimeInFuture } from "./handlerErrors.js";

/** The ledger's clock: what time it is now. The system clock unless a ledger is given another. */
export type LedgerClock = () => Date;

/** The system clock. */
export const systemClock: LedgerClock = () => new Date();

/** The clock's time as an ISO-8601 instant (UTC). */
export const clockTime = (clock: LedgerClock): IsoDateTime => unsafeIsoDateTime(clock().toISOString());

/**
 * The first business time of a command that lies after `now`, if any. Business times are the
 * data's top-level instants whose names end in `At` (`appliedAt`, `awardedAt`, `disbursedAt`, …):
 * when something happened. Planned dates (a deadline, an instalment's `due`, a reporting date)
 * are about the future by nature and are not checked.
 */
export const businessTimeInFuture = (command: { readonly type: string; readonly data: object }, now: IsoDateTime): BusinessTimeInFuture | undefined => {
  for (const [key, value] of Object.entries(command.data)) {
    if (!key.endsWith("At") || typeof value !== "string" || !isIsoDateTime(value)) continue;
    if (compareInstants(unsafeIsoDateTime(value), now) > 0) return { _tag: "BusinessTimeInFuture", command: command.type, field: `data.${key}`, at: value, now };
  }
  return undefined;
};
