import * as E from "fp-ts/lib/Either.js";
import type { VerifiedSeal } from "@grantledger/core";
import type { VerifyOutcome } from "../audit/verifySources.js";
import { describeGuarantees, describeOutcomeBreak } from "../commands/verifyCommand.js";

/** What `verify` found, as the report shows it. */
export interface IntegrityFindings {
  /** `intact`, `broken` (with the first break) or `empty` (no events: nothing verified). */
  readonly status: "intact" | "broken" | "empty";
  /** verify's own summary line: `intact: 64 events in …`, the break, or why nothing was verified. */
  readonly summary: string;
  /** What the seals guarantee, in verify's own words (one line each). */
  readonly guarantees: readonly string[];
  /** Every seal that verified, in order. */
  readonly seals: readonly VerifiedSeal[];
}

/** The findings of a verification over the whole history (the same check as `grantledger verify`). */
export const integrityFindings = (outcome: VerifyOutcome, label: string): IntegrityFindings => {
  const broken = describeOutcomeBreak(outcome, label);
  if (broken !== undefined || E.isLeft(outcome.result)) return { status: "broken", summary: broken ?? "history broken", guarantees: [], seals: [] };
  const verified = outcome.result.right;
  if (verified.events === 0) return { status: "empty", summary: `history empty: ${label} holds no events, so nothing was verified`, guarantees: [], seals: [] };
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const last = verified.lastPosition === undefined ? "no events" : `up to position ${verified.lastPosition}`;
  return {
    status: "intact",
    summary: `intact: ${plural(verified.events, "event")} in ${plural(verified.streams, "stream")}, ${plural(verified.seals, "seal")} verified (${last})`,
    guarantees: describeGuarantees(verified),
    seals: verified.verifiedSeals,
  };
};
