import { IsoDateTime } from "@grantledger/core";

/**
 * The event's own business time: the first `…At` field of its data that is an ISO-8601 time
 * (`awardedAt`, `disbursedAt`, `appliedAt`, …); `undefined` for an event that has none.
 */
export const businessTimeOfData = (data: object): string | undefined => {
  for (const [key, value] of Object.entries(data)) if (key.endsWith("At") && IsoDateTime.is(value)) return value;
  return undefined;
};
