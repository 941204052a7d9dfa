import type { DateWindow } from "../events/roundEvents.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";

/** One broken rule: its tag and the figures a person needs to act on it. */
type Failure<Tag extends string, Fields = object> = { readonly _tag: Tag } & Readonly<Fields>;

/**
 * Every rule a funding round's decider enforces, one tagged error each, with its figures. Each
 * member is `{ _tag }` plus the fields shown; `roundId` is always the round the command was for,
 * and `grantId` the grant whose money is at stake. Money is in øre.
 */
export type RoundError =
  /** The round's stream already starts with `RoundOpened`: a round opens once. */
  | Failure<"RoundAlreadyOpened", { roundId: string }>
  /** No round with this id has been opened. */
  | Failure<"RoundNotFound", { roundId: string }>
  /** The round is closed: no application and no new commitment is accepted. */
  | Failure<
      "RoundIsClosed",
      {
        roundId: string;
        /** When it closed. */
        closedAt: IsoDateTime;
      }
    >
  /** A round must have money to commit. */
  | Failure<
      "RoundBudgetNotPositive",
      {
        roundId: string;
        /** The budget given: 0. */
        budget: Money;
      }
    >
  /** The disbursement window ends before it starts. */
  | Failure<
      "InvalidDisbursementWindow",
      {
        roundId: string;
        /** The window given. */
        window: DateWindow;
      }
    >
  /** The policy contradicts itself or the budget. */
  | Failure<
      "InconsistentPolicy",
      {
        roundId: string;
        /** The offending field's path, e.g. `policy.maxGrant`. */
        field: string;
        /** What is wrong with it, e.g. "above the round's budget". */
        reason: string;
      }
    >
  /** The uncommitted budget does not cover the award. */
  | Failure<
      "AwardExceedsRemainingBudget",
      {
        roundId: string;
        grantId: string;
        /** The award to commit. */
        award: Money;
        /** The budget not yet committed. */
        remaining: Money;
      }
    >
  /** The grant already holds a commitment of another amount (left by an interrupted award). */
  | Failure<
      "CommitmentMismatch",
      {
        roundId: string;
        grantId: string;
        /** The amount already committed to the grant. */
        committed: Money;
        /** The award now being made. */
        award: Money;
      }
    >
  /** The grant holds no live commitment in the round, or less than the release asks for. */
  | Failure<"NoCommitmentToRelease", { roundId: string; grantId: string }>
  /** The new budget would be below what the round has committed (or is not above 0). */
  | Failure<
      "BudgetBelowCommitted",
      {
        roundId: string;
        /** The budget asked for. */
        budget: Money;
        /** Committed to awards now. */
        committed: Money;
      }
    >
  /** The new budget is the budget the round already has. */
  | Failure<
      "BudgetChangesNothing",
      {
        roundId: string;
        /** The budget asked for, which the round already has. */
        budget: Money;
      }
    >
  /** Money is carried only out of a closed round (an open one can still commit it). */
  | Failure<"CarryOverFromOpenRound", { roundId: string }>
  /** Money is carried only between two different rounds of one scheme. */
  | Failure<
      "RoundsOfDifferentSchemes",
      {
        roundId: string;
        /** The round the money would go to. */
        toRoundId: string;
        /** The source round's scheme, if it names one. */
        schemeId: string | undefined;
        /** The target round's scheme, if it names one. */
        toSchemeId: string | undefined;
      }
    >
  /** The carry is 0, or more than the closed round has left. */
  | Failure<
      "CarryOverExceedsRemaining",
      {
        roundId: string;
        /** The amount to carry. */
        amount: Money;
        /** What the round has not committed. */
        remaining: Money;
      }
    >;
