import { IsoDateTime, isIsoDate } from "@grantledger/core";
import type { AsOfOptions } from "@grantledger/projections";
import { usageError } from "../cliError.js";

/** The two clocks of a reading command's options, as commander hands them over. */
export interface TimeOptions {
  /** `--known-at <time>`: what the ledger had recorded by then (ISO-8601 with a zone). */
  readonly knownAt?: string;
  /** `--as-of <time>`: the former name of `--known-at`, kept as its alias. */
  readonly asOf?: string;
  /** `--at-position <n>`: what the ledger had recorded up to that global position. */
  readonly atPosition?: bigint;
  /** `--in-effect-on <date|time>`: only facts whose business time is at or before it. */
  readonly inEffectOn?: string;
}

/**
 * The library's `AsOfOptions` for a command's `--known-at` (or `--as-of`), `--at-position` and
 * `--in-effect-on`; a usage error (exit 2) for a value that cannot be read, before anything is opened.
 */
export const asOfFromOptions = (options: TimeOptions): AsOfOptions => {
  if (options.knownAt !== undefined && options.asOf !== undefined) throw usageError("give --known-at or its alias --as-of, not both");
  const knownAt = options.knownAt ?? options.asOf;
  const flag = options.knownAt === undefined ? "--as-of" : "--known-at";
  if (knownAt !== undefined && !IsoDateTime.is(knownAt)) {
    throw usageError(`${flag} "${knownAt}" is not an ISO-8601 time with a zone (e.g. 2010-12-31T23:59:59+01:00)`);
  }
  const inEffectOn = options.inEffectOn;
  if (inEffectOn !== undefined && !IsoDateTime.is(inEffectOn) && !isIsoDate(inEffectOn)) {
    throw usageError(`--in-effect-on "${inEffectOn}" is neither a date (YYYY-MM-DD, e.g. 2010-12-31) nor an ISO-8601 time with a zone`);
  }
  return {
    ...(knownAt === undefined ? {} : { knownAt }),
    ...(options.atPosition === undefined ? {} : { position: options.atPosition }),
    ...(inEffectOn === undefined ? {} : { inEffectOn }),
  };
};

/** Whether any clock was given: without one, a command reads everything recorded. */
export const hasTimes = (limits: AsOfOptions): boolean =>
  limits.knownAt !== undefined || limits.position !== undefined || limits.inEffectOn !== undefined;

/**
 * The clocks in words, for a heading: `as of position 41 (recorded by 2011-02-01T00:00:00+01:00),
 * in effect on 2010-12-31`.
 */
export const describeTimes = (limits: AsOfOptions, position: bigint | undefined): string => {
  const when = position === undefined ? "before the first event" : `as of position ${position}`;
  const known = limits.knownAt === undefined ? "" : ` (recorded by ${limits.knownAt})`;
  const effect = limits.inEffectOn === undefined ? "" : `, in effect on ${limits.inEffectOn}`;
  return `${when}${known}${effect}`;
};
